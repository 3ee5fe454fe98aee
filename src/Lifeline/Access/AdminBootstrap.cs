using System.Security.Cryptography;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>
/// Makes sure a fresh server can be entered: the roles exist, the admin account exists (with the
/// configured password, or a generated one written to a file only the server's user can read), and the
/// configured bootstrap API token, if any, belongs to the admin.
/// </summary>
public sealed class AdminBootstrap(AccountService accounts, UserManager<Account> users, LifelineDbContext db,
    IOptions<BootstrapOptions> options, IOptions<LifelineOptions> lifeline, TimeProvider time, ILogger<AdminBootstrap> logger)
{
    private const string BootstrapTokenName = "bootstrap (Lifeline:Bootstrap:AdminApiToken)";

    /// <summary>The file in the data directory that receives a generated admin password.</summary>
    public const string PasswordFileName = "admin-password.txt";

    /// <returns>
    /// The path of the file holding the generated admin password (mode 0600) when one was made now; otherwise null.
    /// The password itself is never printed: standard output of a service ends up in journald and log shippers.
    /// </returns>
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        await accounts.EnsureRolesAsync();
        var settings = options.Value;
        string? generated = null;
        var admin = await users.FindByNameAsync(settings.AdminUserName);
        if (admin is null)
        {
            var password = settings.AdminPassword ?? (generated = GeneratePassword());
            var created = await accounts.CreateAsync(settings.AdminUserName, password, [LifelineRoles.Admin], null, ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create the admin account: " +
                    string.Join(" ", created.Errors!.SelectMany(e => e.Value)));
            }
            admin = created.Value!;
            logger.LogInformation("Created the administrator account {UserName}", admin.UserName);
            if (generated is not null)
            {
                generated = await WritePasswordFileAsync(admin.UserName!, generated, ct);
            }
        }
        if (settings.AdminApiToken is { } secret)
        {
            var hash = ApiToken.HashOf(secret);
            var now = time.GetUtcNow();
            // A rotated bootstrap token replaces the old one: the token that was configured before stops working.
            var replaced = await db.ApiTokens.Where(t => t.Name == BootstrapTokenName && t.Hash != hash && t.RevokedAt == null).ToListAsync(ct);
            replaced.ForEach(t => t.Revoke(now));
            if (replaced.Count > 0)
            {
                logger.LogWarning("Revoked {Count} earlier bootstrap API token(s): Lifeline:Bootstrap:AdminApiToken was changed", replaced.Count);
            }
            if (!await db.ApiTokens.AnyAsync(t => t.Hash == hash, ct))
            {
                db.ApiTokens.Add(ApiToken.FromSecret(admin.Id, BootstrapTokenName, secret, now, null).Token);
            }
            await db.SaveChangesAsync(ct);
        }
        return generated;
    }

    private async Task<string> WritePasswordFileAsync(string userName, string password, CancellationToken ct)
    {
        var directory = lifeline.Value.FullDataDirectory;
        PrivateFiles.EnsureDirectory(directory);
        var path = Path.Combine(directory, PasswordFileName);
        File.Delete(path);
        await using (var file = PrivateFiles.Create(path))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync($"# The one-time password of the Lifeline account '{userName}', generated at its creation.".AsMemory(), ct);
            await writer.WriteLineAsync("# Sign in, change it (POST /api/v1/me/password), enrol MFA, and delete this file.".AsMemory(), ct);
            await writer.WriteLineAsync(password.AsMemory(), ct);
        }
        return path;
    }

    // 20 characters from an alphabet without look-alikes: easy to read from a console and type once.
    // Drawn again until it has the lower case, upper case and digit that the password rules ask for.
    private static string GeneratePassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            if (password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }
}
