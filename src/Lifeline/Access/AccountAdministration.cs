using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>
/// Administrators' work on accounts — create (linked to a person), roles, disable, enable, unlock, delete, see and revoke
/// tokens — for the accounts API and the console's accounts page alike. Every change is in the audit log. Two rules keep
/// an organisation from locking itself out: nobody disables, deletes or demotes themselves, and the last administrator
/// who can sign in stays.
/// </summary>
public sealed class AccountAdministration(AccountService accounts, UserManager<Account> users, LifelineDbContext db, TimeProvider time)
{
    public async Task<Outcome<Page<AccountView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var all = db.Users.AsNoTracking();
        if (query.Search is { } q)
        {
            all = all.Where(a => a.NormalizedUserName!.ToLower().Contains(q));
        }
        return await Page<AccountView>.ReadAsync(all.OrderBy(a => a.UserName), query, account => ViewAsync(account), ct);
    }

    public async Task<Outcome<AccountView>> GetAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) is { } account ? await ViewAsync(account) : Refusal.NotFound("account", id);

    public async Task<Outcome<AccountView>> CreateAsync(Actor actor, AccountRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "create accounts") is { } refused)
        {
            return refused;
        }
        var v = new Validator().Required("userName", request.UserName, 64).Required("password", request.Password, 512);
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        if (await users.FindByNameAsync(request.UserName.Trim()) is not null)
        {
            return Refusal.Conflict($"An account named '{request.UserName.Trim()}' already exists.");
        }
        var outcome = await accounts.CreateAsync(request.UserName, request.Password, request.Roles ?? [], request.PersonId, ct);
        if (!outcome.Succeeded)
        {
            return Refusal.Invalid(outcome.Errors!);
        }
        var view = await ViewAsync(outcome.Value!);
        AccountAudit.Record(db, actor, time.GetUtcNow(), view.Id, "AccountCreated", new { view.UserName, view.Roles, view.PersonId });
        await db.SaveChangesAsync(ct);
        return view;
    }

    public async Task<Outcome<AccountView>> SetRolesAsync(Actor actor, Guid id, IReadOnlyList<string>? requested, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change an account's roles") is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Refusal.NotFound("account", id);
        }
        var wanted = (requested ?? []).Select(r => (Given: r, Role: LifelineRoles.Normalise(r))).ToList();
        if (wanted.Count == 0 || wanted.Any(r => r.Role is null))
        {
            return Refusal.Invalid("roles", $"Give one or more of {string.Join(", ", LifelineRoles.All)}.");
        }
        var roles = wanted.Select(r => r.Role!).Distinct().ToList();
        if (account.Id == actor.AccountId && !roles.Contains(LifelineRoles.Admin))
        {
            return Refusal.Conflict("You cannot take the Admin role away from yourself; ask another administrator.");
        }
        var current = await users.GetRolesAsync(account);
        (await users.RemoveFromRolesAsync(account, current.Except(roles))).ThrowIfFailed();
        (await users.AddToRolesAsync(account, roles.Except(current))).ThrowIfFailed();
        // A new security stamp: the account's sign-in cookies are checked against it on every request, so the old roles
        // in a cookie stop counting now, not when the cookie expires.
        (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "RolesChanged", new { before = current.Order().ToList(), after = roles.Order().ToList() });
        await db.SaveChangesAsync(ct);
        return await ViewAsync(account);
    }

    /// <summary>Lifts a disablement or a lockout; <paramref name="action"/> is what the audit log calls it (Enabled, Unlocked).</summary>
    public async Task<Outcome<AccountView>> EnableAsync(Actor actor, Guid id, string action, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "enable or unlock accounts") is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Refusal.NotFound("account", id);
        }
        (await users.SetLockoutEndDateAsync(account, null)).ThrowIfFailed();
        (await users.ResetAccessFailedCountAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, action);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(account);
    }

    /// <summary>Its sign-ins, cookies and API tokens stop working at once.</summary>
    public async Task<Outcome<AccountView>> DisableAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "disable accounts") is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Refusal.NotFound("account", id);
        }
        if (await WouldLockOutEveryoneAsync(account, actor) is { } refusal)
        {
            return refusal;
        }
        (await users.SetLockoutEnabledAsync(account, true)).ThrowIfFailed();
        (await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue)).ThrowIfFailed();
        (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "Disabled");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(account);
    }

    public async Task<Refusal?> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "delete accounts") is { } refused)
        {
            return refused;
        }
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Refusal.NotFound("account", id);
        }
        if (await WouldLockOutEveryoneAsync(account, actor) is { } refusal)
        {
            return refusal;
        }
        await db.ApiTokens.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(ct);
        (await users.DeleteAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "Deleted", new { account.UserName });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<IReadOnlyList<TokenView>> TokensAsync(Guid id, CancellationToken ct) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.AccountId == id).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(ct);

    public async Task<Refusal?> RevokeTokenAsync(Actor actor, Guid id, Guid tokenId, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "revoke another account's tokens") is { } refused)
        {
            return refused;
        }
        if (await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == id, ct) is not { } token)
        {
            return Refusal.NotFound("token", tokenId);
        }
        var now = time.GetUtcNow();
        token.Revoke(now);
        AccountAudit.Record(db, actor, now, id, "TokenRevoked", new { token.Name, token.Hint });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Your own account, or the last administrator who can still sign in, cannot be disabled or deleted.</summary>
    private async Task<Refusal?> WouldLockOutEveryoneAsync(Account account, Actor actor)
    {
        if (account.Id == actor.AccountId)
        {
            return Refusal.Conflict("You cannot disable or delete your own account; ask another administrator.");
        }
        if (await users.IsInRoleAsync(account, LifelineRoles.Admin))
        {
            var now = time.GetUtcNow();
            var activeAdmins = (await users.GetUsersInRoleAsync(LifelineRoles.Admin)).Count(a => a.LockoutEnd is null || a.LockoutEnd <= now);
            if (activeAdmins <= 1 && (account.LockoutEnd is null || account.LockoutEnd <= now))
            {
                return Refusal.Conflict("This is the last administrator who can sign in; make another account Admin first.");
            }
        }
        return null;
    }

    private Task<AccountView> ViewAsync(Account account) => AuthApi.ViewAsync(account, users);
}
