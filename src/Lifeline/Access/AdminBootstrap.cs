using System.Security.Cryptography;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>
/// Makes sure a fresh server can be entered: the roles exist, the admin account exists (with the
/// configured password, or a generated one that is returned to be printed once), and the
/// configured bootstrap API token, if any, belongs to the admin.
/// </summary>
public sealed class AdminBootstrap(AccountService accounts, UserManager<Account> users, LifelineDbContext db,
    IOptions<BootstrapOptions> options, TimeProvider time, ILogger<AdminBootstrap> logger)
{
    private const string BootstrapTokenName = "bootstrap (Lifeline:Bootstrap:AdminApiToken)";

    /// <returns>The generated admin password when one was made now; otherwise null.</returns>
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
