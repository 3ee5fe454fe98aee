using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access;

/// <summary>Why a password sign-in did not go through; the words are the same whether or not the account exists.</summary>
public sealed record SignInRefusal(int Status, string Title, string Detail, TimeSpan? RetryAfter = null)
{
    public static readonly SignInRefusal Wrong = new(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is wrong.");
}

/// <summary>
/// Checks a user name and password for the API's sign-in and token exchange (and the console's sign-in page). An
/// unknown name costs the same password hash as a known one and gets the same answer, so neither the time nor the
/// words tell which names exist. Failures slow further tries down (<see cref="SignInThrottle"/>) instead of locking
/// the account, and are audited; API tokens are never affected. An account an administrator disabled
/// (its lockout end in the future) cannot sign in, and says so no differently from a wrong password.
/// </summary>
public sealed class PasswordSignIn(UserManager<Account> users, SignInThrottle throttle, LifelineDbContext db, TimeProvider time, ILogger<PasswordSignIn> logger)
{
    /// <summary>A hash to check unknown names against, so they take as long as known ones.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));

    public async Task<(Account? Account, SignInRefusal? Refusal)> CheckAsync(string? userName, string? password, string? address, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 512)
        {
            return (null, SignInRefusal.Wrong);
        }
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            logger.LogWarning("A sign-in was refused: too many failed sign-ins for that account or from that address");
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return (null, new SignInRefusal(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins",
                $"Too many failed sign-ins for this account or from this address. Try again in {seconds} seconds.", wait));
        }
        var account = await users.FindByNameAsync(userName.Trim());
        var valid = account is null
            ? Decoy(password)
            : !await users.IsLockedOutAsync(account) && await users.CheckPasswordAsync(account, password);
        if (valid)
        {
            return (account, null);
        }
        throttle.Failed(userName, address);
        logger.LogWarning("A sign-in failed: wrong user name or password");
        // An unknown name is recorded against no account (the empty id): what was typed may be a password in the wrong field.
        db.AuditLog.Add(new AuditEntry(time.GetUtcNow(), $"sign-in from {address ?? "an unknown address"}", nameof(Account), account?.Id ?? Guid.Empty, "SignInFailed", null, null));
        await db.SaveChangesAsync(ct);
        return (null, SignInRefusal.Wrong);
    }

    private static bool Decoy(string password)
    {
        new PasswordHasher<Account>().VerifyHashedPassword(new Account(), DecoyHash.Value, password);
        return false;
    }
}
