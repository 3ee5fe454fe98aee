using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Access.Mfa;

/// <summary>What a second-factor code turned out to be.</summary>
public enum CodeVerdict
{
    Accepted,
    /// <summary>A recovery code, now used up.</summary>
    AcceptedRecoveryCode,
    Wrong,
}

/// <summary>
/// Multi-factor authentication for local accounts: enrolment of an authenticator app (TOTP) with one-time recovery
/// codes, the check of a code at sign-in, and its removal by the person (with a code) or by an administrator. Every
/// enrolment, removal and use of a recovery code is audited. The one owner of these rules: the API, the console's
/// sign-in page (through <see cref="PasswordSignIn"/>) and the operator commands all come here.
/// </summary>
public sealed class SecondFactor(LifelineDbContext db, UserManager<Account> users, IDataProtectionProvider protection,
    IOptions<SignInOptions> options, SignInThrottle throttle, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    private IDataProtector Protector => protection.CreateProtector("Lifeline.Access.Mfa.TotpSecret");

    /// <summary>Whether an account with these roles must use MFA to sign in with a password.</summary>
    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(options.Value.MfaRequiredRoles.Contains);

    /// <summary>Whether the account must enrol before its password sign-ins may do anything but enrol.</summary>
    public async Task<bool> MustEnrolAsync(Account account) => !account.TwoFactorEnabled && IsRequiredFor(await users.GetRolesAsync(account));

    public async Task<MfaStatus> StatusAsync(Account account, CancellationToken ct)
    {
        var enrolment = await db.Set<MfaEnrolment>().AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == account.Id, ct);
        var left = await db.Set<RecoveryCode>().CountAsync(c => c.AccountId == account.Id && c.UsedAt == null, ct);
        return new MfaStatus(account.TwoFactorEnabled, IsRequiredFor(await users.GetRolesAsync(account)),
            enrolment is { ConfirmedAt: null }, enrolment?.ConfirmedAt, account.TwoFactorEnabled ? left : 0);
    }

    /// <summary>Hands out a new secret, replacing one not yet confirmed. Refused while MFA is on (turn it off first).</summary>
    public async Task<Outcome<MfaEnrolmentStart>> StartAsync(Account account, CancellationToken ct)
    {
        if (account.TwoFactorEnabled)
        {
            return Refusal.Conflict("MFA is already on for this account. Turn it off with a current code first to enrol another authenticator.");
        }
        var secret = TotpCodes.NewSecret();
        await db.Set<MfaEnrolment>().Where(m => m.AccountId == account.Id).ExecuteDeleteAsync(ct);
        db.Add(MfaEnrolment.Start(account.Id, Protector.Protect(Convert.ToBase64String(secret)), time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new MfaEnrolmentStart(TotpCodes.Base32(secret), TotpCodes.OtpAuthUri(secret, account.UserName!));
    }

    /// <summary>The first code from the app turns MFA on; the recovery codes come back once.</summary>
    public async Task<Outcome<MfaRecoveryCodes>> ConfirmAsync(Account account, string? code, Actor actor, CancellationToken ct)
    {
        var enrolment = await db.Set<MfaEnrolment>().FirstOrDefaultAsync(m => m.AccountId == account.Id, ct);
        if (account.TwoFactorEnabled || enrolment is null || enrolment.ConfirmedAt is not null)
        {
            return Refusal.Conflict(account.TwoFactorEnabled ? "MFA is already on for this account." : "Start the enrolment first (POST /api/v1/me/mfa/enrolment).");
        }
        var now = time.GetUtcNow();
        if (!TotpCodes.IsTotpShaped(code ?? "", out var digits) || TotpCodes.Match(SecretOf(enrolment), digits, now) is not { } step)
        {
            return Refusal.Invalid("code", "The code is wrong: give the 6 digits the authenticator app shows now (check that the phone's clock is right).");
        }
        enrolment.Confirm(now, step);
        account.TwoFactorEnabled = true;
        var codes = IssueRecoveryCodes(account.Id, now);
        (await users.UpdateAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, now, account.Id, "MfaEnrolled", new { recoveryCodes = codes.Count });
        await db.SaveChangesAsync(ct);
        return new MfaRecoveryCodes(codes);
    }

    /// <summary>
    /// Checks a code at sign-in or before turning MFA off: a TOTP code once per time step (a replayed one is wrong),
    /// or an unused recovery code, which is used up. The caller counts a wrong one as a failed sign-in.
    /// </summary>
    public async Task<CodeVerdict> VerifyAsync(Account account, string? code, Actor actor, CancellationToken ct)
    {
        var typed = code?.Trim() ?? "";
        if (typed.Length is 0 or > 64)
        {
            return CodeVerdict.Wrong;
        }
        var now = time.GetUtcNow();
        if (TotpCodes.IsTotpShaped(typed, out var digits))
        {
            var enrolment = await db.Set<MfaEnrolment>().AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == account.Id && m.ConfirmedAt != null, ct);
            if (enrolment is null || TotpCodes.Match(SecretOf(enrolment), digits, now) is not { } step)
            {
                return CodeVerdict.Wrong;
            }
            // One conditional update: of two sign-ins racing with the same code, one wins.
            var fresh = await db.Set<MfaEnrolment>().Where(m => m.AccountId == account.Id && m.LastTimeStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastTimeStep, step), ct);
            return fresh == 1 ? CodeVerdict.Accepted : CodeVerdict.Wrong;
        }
        if (RecoveryCode.HashOf(typed) is not { } hash)
        {
            return CodeVerdict.Wrong;
        }
        var used = await db.Set<RecoveryCode>().Where(c => c.AccountId == account.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (used != 1)
        {
            return CodeVerdict.Wrong;
        }
        var left = await db.Set<RecoveryCode>().CountAsync(c => c.AccountId == account.Id && c.UsedAt == null, ct);
        AccountAudit.Record(db, actor, now, account.Id, "RecoveryCodeUsed", new { recoveryCodesLeft = left });
        await db.SaveChangesAsync(ct);
        return CodeVerdict.AcceptedRecoveryCode;
    }

    /// <summary>The person turns MFA off, proving it with a current code or a recovery code; their other sessions end.</summary>
    public async Task<Refusal?> DisableAsync(Account account, string? code, Actor actor, CancellationToken ct)
    {
        if (!account.TwoFactorEnabled)
        {
            return Refusal.Conflict("MFA is not on for this account.");
        }
        // Guessing codes with a stolen session is guessing a sign-in: the same throttle.
        if (throttle.RetryAfter(account.UserName!, actor.RemoteAddress) is { } wait)
        {
            return new Refusal(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins",
                $"Too many wrong codes or passwords for this account or from this address. Try again in {(int)Math.Ceiling(wait.TotalSeconds)} seconds.");
        }
        if (await VerifyAsync(account, code, actor, ct) == CodeVerdict.Wrong)
        {
            throttle.Failed(account.UserName!, actor.RemoteAddress);
            return Refusal.Invalid("code", "The code is wrong: give a current code from the authenticator app or an unused recovery code.");
        }
        await RemoveAsync(account, actor, "MfaDisabled", ct);
        return null;
    }

    /// <summary>An administrator removes a person's MFA (a lost phone and no recovery codes); the person enrols again.</summary>
    public async Task<Refusal?> ResetAsync(Guid accountId, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "reset another account's MFA") is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(accountId.ToString()) is not { } account)
        {
            return Refusal.NotFound("account", accountId);
        }
        await RemoveAsync(account, actor, "MfaReset", ct);
        return null;
    }

    private async Task RemoveAsync(Account account, Actor actor, string action, CancellationToken ct)
    {
        var wasOn = account.TwoFactorEnabled;
        await db.Set<MfaEnrolment>().Where(m => m.AccountId == account.Id).ExecuteDeleteAsync(ct);
        await db.Set<RecoveryCode>().Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(ct);
        account.TwoFactorEnabled = false;
        (await users.UpdateAsync(account)).ThrowIfFailed();
        // A new security stamp ends the account's sign-in cookies: whoever holds one signed in with the factor now gone.
        (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, action, new { wasOn });
        await db.SaveChangesAsync(ct);
    }

    private List<string> IssueRecoveryCodes(Guid accountId, DateTimeOffset now)
    {
        db.Set<RecoveryCode>().RemoveRange(db.Set<RecoveryCode>().Where(c => c.AccountId == accountId));
        var shown = new List<string>(RecoveryCodeCount);
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var (code, secret) = RecoveryCode.Issue(accountId, now);
            db.Add(code);
            shown.Add(secret);
        }
        return shown;
    }

    private byte[] SecretOf(MfaEnrolment enrolment) => Convert.FromBase64String(Protector.Unprotect(enrolment.ProtectedSecret));
}
