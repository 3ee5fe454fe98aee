using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>
/// What every signed-in person does with their own account: change the password, and make, list and revoke their API
/// tokens. The API's /me endpoints and the console's "My account" pages both come here; each change is audited.
/// </summary>
public sealed class OwnAccount(UserManager<Account> users, AccountService accounts, LifelineDbContext db, TimeProvider time)
{
    /// <summary>
    /// Changes the password. A changed password is often a suspected leak: the tokens made with the old one go too, and
    /// Identity gives the account a new security stamp, which ends its other sign-in cookies.
    /// </summary>
    public async Task<Outcome<int>> ChangePasswordAsync(Actor actor, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        if (await AccountOfAsync(actor) is not { } account)
        {
            return NoAccount;
        }
        var v = new Validator();
        if (string.IsNullOrEmpty(currentPassword))
        {
            v.Add("currentPassword", "Type your current password.");
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            v.Add("newPassword", "Type a new password.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var result = await users.ChangePasswordAsync(account, currentPassword!, newPassword!);
        if (!result.Succeeded)
        {
            // The current password wrong, or the new one against the password rules: each beside its own field.
            return Refusal.Invalid(result.Errors
                .GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "That is not your current password." : e.Description).ToArray(),
                    StringComparer.Ordinal));
        }
        var now = time.GetUtcNow();
        var tokens = await db.ApiTokens.Where(t => t.AccountId == account.Id && t.RevokedAt == null).ToListAsync(ct);
        tokens.ForEach(t => t.Revoke(now));
        AccountAudit.Record(db, actor, now, account.Id, "PasswordChanged", new { tokensRevoked = tokens.Count });
        await db.SaveChangesAsync(ct);
        return tokens.Count;
    }

    /// <summary>The account's API tokens, newest first; never their values (only a hint of each).</summary>
    public async Task<List<TokenView>> TokensAsync(Actor actor, CancellationToken ct) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.AccountId == actor.AccountId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(ct);

    /// <summary>Makes an API token; its value is in the answer only, once (Lifeline keeps a hash).</summary>
    public async Task<Outcome<IssuedToken>> CreateTokenAsync(Actor actor, string? name, int? expiresInDays, CancellationToken ct)
    {
        var v = new Validator().Required("name", name, 100);
        if (expiresInDays is < 1 or > 3650)
        {
            v.Add("expiresInDays", "expiresInDays is between 1 and 3650, or absent for a token that does not expire.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        if (actor.MustEnrolMfa)
        {
            return Refusal.Forbidden("Your roles require multi-factor authentication: enrol an authenticator app first.");
        }
        if (await AccountOfAsync(actor) is not { } account)
        {
            return NoAccount;
        }
        DateTimeOffset? expires = expiresInDays is { } days ? time.GetUtcNow().AddDays(days) : null;
        var (token, secret) = await accounts.IssueTokenAsync(account, name!.Trim(), expires, ct);
        AccountAudit.Record(db, actor, token.CreatedAt, account.Id, "TokenIssued", new { token.Name, token.Hint });
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token.Id, token.Name, secret, token.ExpiresAt);
    }

    /// <summary>Revokes one of the account's own tokens: requests with it are refused from now on.</summary>
    public async Task<Outcome<Guid>> RevokeTokenAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.AccountId == actor.AccountId, ct);
        if (token is null)
        {
            return Refusal.NotFound("token of yours", id);
        }
        if (token.RevokedAt is null)
        {
            token.Revoke(time.GetUtcNow());
            AccountAudit.Record(db, actor, time.GetUtcNow(), token.AccountId, "TokenRevoked", new { token.Name, token.Hint });
            await db.SaveChangesAsync(ct);
        }
        return id;
    }

    private static readonly Refusal NoAccount = new(StatusCodes.Status401Unauthorized, "Unauthorized", "Sign in with an account first.");

    private async Task<Account?> AccountOfAsync(Actor actor) =>
        actor.AccountId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
}
