using Lifeline.Access.Mfa;
using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access;

/// <summary>
/// Why a password sign-in did not go through; the words are the same whether or not the account exists. <see cref="MfaRequired"/>
/// is set only once the password was right: the account uses a second factor and the code was missing or wrong.
/// </summary>
public sealed record SignInRefusal(int Status, string Title, string Detail, TimeSpan? RetryAfter = null, bool MfaRequired = false)
{
    public static readonly SignInRefusal Wrong = new(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is wrong.");

    public static readonly SignInRefusal CodeNeeded = new(StatusCodes.Status401Unauthorized, "A second factor is required",
        "This account uses multi-factor authentication: give the 6-digit code from the authenticator app, or a recovery code, as \"code\".", MfaRequired: true);

    public static readonly SignInRefusal CodeWrong = new(StatusCodes.Status401Unauthorized, "Sign-in failed",
        "The code is wrong or was already used: give the code the authenticator app shows now, or an unused recovery code.", MfaRequired: true);
}

/// <summary>
/// Checks a user name, password and, for an account with MFA, a second-factor code, for the API's sign-in and token
/// exchange and the console's sign-in page: the whole check is here, so every door asks the same. An
/// unknown name costs the same password hash as a known one and gets the same answer, so neither the time nor the
/// words tell which names exist. Failures slow further tries down (<see cref="SignInThrottle"/>) instead of locking
/// the account, and are audited; API tokens are never affected. An account an administrator disabled
/// (its lockout end in the future) cannot sign in, and says so no differently from a wrong password. Only after the right
/// password does the answer say a code is needed (so it tells nothing to someone without the password); a wrong code
/// counts as a failed sign-in, a TOTP code works once, a recovery code once.
/// </summary>
public sealed class PasswordSignIn(UserManager<Account> users, SignInThrottle throttle, SecondFactor secondFactor, LifelineDbContext db, TimeProvider time,
    ILogger<PasswordSignIn> logger)
{
    /// <summary>A hash to check unknown names against, so they take as long as known ones.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));

    /// <param name="code">The authenticator's code or a recovery code; needed only for an account with MFA.</param>
    /// <param name="address">The client's address, for the throttle and the audit log.</param>
    /// <returns>The account when everything was right; otherwise the refusal to show.</returns>
    public async Task<(Account? Account, SignInRefusal? Refusal)> CheckAsync(string? userName, string? password, string? code, string? address, CancellationToken ct)
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
        if (!valid)
        {
            await FailedAsync(userName, address, account?.Id, "wrong user name or password", ct);
            return (null, SignInRefusal.Wrong);
        }
        if (!account!.TwoFactorEnabled)
        {
            return (account, null);
        }
        if (string.IsNullOrWhiteSpace(code))
        {
            return (null, SignInRefusal.CodeNeeded);
        }
        var self = new Actor(account.Id, account.UserName!, new HashSet<string>(), account.PersonId, address);
        if (await secondFactor.VerifyAsync(account, code, self, ct) == CodeVerdict.Wrong)
        {
            await FailedAsync(userName, address, account.Id, "wrong second-factor code", ct);
            return (null, SignInRefusal.CodeWrong);
        }
        return (account, null);
    }

    private async Task FailedAsync(string userName, string? address, Guid? accountId, string why, CancellationToken ct)
    {
        throttle.Failed(userName, address);
        logger.LogWarning("A sign-in failed: {Reason}", why);
        // An unknown name is recorded against no account (the empty id): what was typed may be a password in the wrong field.
        db.AuditLog.Add(new AuditEntry(time.GetUtcNow(), $"sign-in from {address ?? "an unknown address"}", nameof(Account), accountId ?? Guid.Empty, "SignInFailed",
            null, accountId is null ? null : System.Text.Json.JsonSerializer.Serialize(new { reason = why })));
        await db.SaveChangesAsync(ct);
    }

    private static bool Decoy(string password)
    {
        new PasswordHasher<Account>().VerifyHashedPassword(new Account(), DecoyHash.Value, password);
        return false;
    }
}
