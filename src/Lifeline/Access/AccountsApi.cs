using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>Administration of accounts, and the audit and access logs. Admin only.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(AccessPolicies.Administer);
        accounts.MapGet("/", List).WithSummary("List accounts");
        accounts.MapPost("/", Create).WithSummary("Create an account with roles, optionally linked to a person");
        accounts.MapPut("/{id:guid}/roles", SetRoles).WithSummary("Replace an account's roles");
        accounts.MapPost("/{id:guid}/unlock", Unlock).WithSummary("Lift a lockout (an account disabled by an administrator, or locked by an earlier release)");
        accounts.MapPost("/{id:guid}/disable", Disable).WithSummary("Disable an account: its sign-ins, cookies and API tokens stop working at once")
            .WithDescription("Refused for your own account and for the last administrator who can still sign in.");
        accounts.MapPost("/{id:guid}/enable", Enable).WithSummary("Enable a disabled account again");
        accounts.MapDelete("/{id:guid}", Delete).WithSummary("Delete an account and its API tokens")
            .WithDescription("Refused for your own account and for the last administrator who can still sign in.");
        accounts.MapGet("/{id:guid}/tokens", Tokens).WithSummary("An account's API tokens");
        accounts.MapDelete("/{id:guid}/tokens/{tokenId:guid}", RevokeToken).WithSummary("Revoke an account's API token");

        var logs = api.MapGroup("").WithTags("Audit").RequireAuthorization(AccessPolicies.Administer);
        logs.MapGet("/audit-log", AuditLog).WithSummary("Every change to the directory: who, what, before and after, when (newest first)");
        logs.MapGet("/access-log", AccessLog).WithSummary("Every read of contact details in clear: who, whose, when, from where (newest first)");
        return api;
    }

    private static async Task<Results<Ok<Page<AccountView>>, ValidationProblem>> List([AsParameters] PageQuery query, UserManager<Account> users, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var accounts = db.Users.AsNoTracking();
        if (query.Search is { } q)
        {
            accounts = accounts.Where(a => a.NormalizedUserName!.ToLower().Contains(q));
        }
        return TypedResults.Ok(await Page<AccountView>.ReadAsync(accounts.OrderBy(a => a.UserName), query, account => AuthApi.ViewAsync(account, users), ct));
    }

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> Create(AccountRequest request, AccountService accounts,
        UserManager<Account> users, Actor actor, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Required("userName", request.UserName, 64).Required("password", request.Password, 512);
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        if (await users.FindByNameAsync(request.UserName.Trim()) is not null)
        {
            return Problems.Conflict($"An account named '{request.UserName.Trim()}' already exists.");
        }
        var outcome = await accounts.CreateAsync(request.UserName, request.Password, request.Roles ?? [], request.PersonId, ct);
        if (!outcome.Succeeded)
        {
            return Problems.Invalid(outcome.Errors!.ToDictionary());
        }
        var view = await AuthApi.ViewAsync(outcome.Value!, users);
        AccountAudit.Record(db, actor, time.GetUtcNow(), view.Id, "AccountCreated", new { view.UserName, view.Roles, view.PersonId });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/accounts/{view.Id}", view);
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> SetRoles(Guid id, RolesRequest request, UserManager<Account> users, Actor actor,
        LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return Problems.NotFound("account", id);
        }
        var wanted = (request.Roles ?? []).Select(r => (Given: r, Role: LifelineRoles.Normalise(r))).ToList();
        if (wanted.Count == 0 || wanted.Any(r => r.Role is null))
        {
            return Problems.Invalid("roles", $"Give one or more of {string.Join(", ", LifelineRoles.All)}.");
        }
        var roles = wanted.Select(r => r.Role!).Distinct().ToList();
        if (account.Id == actor.AccountId && !roles.Contains(LifelineRoles.Admin))
        {
            return Problems.Conflict("You cannot take the Admin role away from yourself; ask another administrator.");
        }
        var current = await users.GetRolesAsync(account);
        (await users.RemoveFromRolesAsync(account, current.Except(roles))).ThrowIfFailed();
        (await users.AddToRolesAsync(account, roles.Except(current))).ThrowIfFailed();
        // A new security stamp: the account's sign-in cookies are checked against it on every request, so the old roles
        // in a cookie stop counting now, not when the cookie expires.
        (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "RolesChanged", new { before = current.Order().ToList(), after = roles.Order().ToList() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AuthApi.ViewAsync(account, users));
    }

    private static Task<Results<Ok<AccountView>, ProblemHttpResult>> Unlock(Guid id, UserManager<Account> users, Actor actor, LifelineDbContext db, TimeProvider time, CancellationToken ct) =>
        EnableAsync(id, users, actor, db, time, "Unlocked", ct);

    private static Task<Results<Ok<AccountView>, ProblemHttpResult>> Enable(Guid id, UserManager<Account> users, Actor actor, LifelineDbContext db, TimeProvider time, CancellationToken ct) =>
        EnableAsync(id, users, actor, db, time, "Enabled", ct);

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> EnableAsync(Guid id, UserManager<Account> users, Actor actor, LifelineDbContext db,
        TimeProvider time, string action, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return Problems.NotFound("account", id);
        }
        (await users.SetLockoutEndDateAsync(account, null)).ThrowIfFailed();
        (await users.ResetAccessFailedCountAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, action);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AuthApi.ViewAsync(account, users));
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Disable(Guid id, UserManager<Account> users, Actor actor, LifelineDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return Problems.NotFound("account", id);
        }
        if (await WouldLockOutEveryoneAsync(account, users, actor, time) is { } refusal)
        {
            return refusal;
        }
        (await users.SetLockoutEnabledAsync(account, true)).ThrowIfFailed();
        (await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue)).ThrowIfFailed();
        (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "Disabled");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AuthApi.ViewAsync(account, users));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, UserManager<Account> users, Actor actor, LifelineDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return Problems.NotFound("account", id);
        }
        if (await WouldLockOutEveryoneAsync(account, users, actor, time) is { } refusal)
        {
            return refusal;
        }
        await db.ApiTokens.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(ct);
        (await users.DeleteAsync(account)).ThrowIfFailed();
        AccountAudit.Record(db, actor, time.GetUtcNow(), account.Id, "Deleted", new { account.UserName });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Your own account, or the last administrator who can still sign in, cannot be disabled or deleted.</summary>
    private static async Task<ProblemHttpResult?> WouldLockOutEveryoneAsync(Account account, UserManager<Account> users, Actor actor, TimeProvider time)
    {
        if (account.Id == actor.AccountId)
        {
            return Problems.Conflict("You cannot disable or delete your own account; ask another administrator.");
        }
        if (await users.IsInRoleAsync(account, LifelineRoles.Admin))
        {
            var now = time.GetUtcNow();
            var activeAdmins = (await users.GetUsersInRoleAsync(LifelineRoles.Admin)).Count(a => a.LockoutEnd is null || a.LockoutEnd <= now);
            if (activeAdmins <= 1 && (account.LockoutEnd is null || account.LockoutEnd <= now))
            {
                return Problems.Conflict("This is the last administrator who can sign in; make another account Admin first.");
            }
        }
        return null;
    }

    private static async Task<Ok<List<TokenView>>> Tokens(Guid id, LifelineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.ApiTokens.AsNoTracking().Where(t => t.AccountId == id).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenView(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(Guid id, Guid tokenId, Actor actor, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == id, ct);
        if (token is null)
        {
            return Problems.NotFound("token", tokenId);
        }
        token.Revoke(time.GetUtcNow());
        AccountAudit.Record(db, actor, time.GetUtcNow(), id, "TokenRevoked", new { token.Name, token.Hint });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> AuditLog(
        [AsParameters] PageQuery query, string? entityType, Guid? entityId, LifelineDbContext db, ContactDataGuard guard, Actor actor, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            entries = entries.Where(e => e.EntityType == entityType);
        }
        if (entityId is { } eid)
        {
            entries = entries.Where(e => e.EntityId == eid);
        }
        if (query.Search is { } q)
        {
            entries = entries.Where(e => e.Actor.ToLower().Contains(q));
        }
        var page = await Page<AuditEntryView>.ReadAsync(
            entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.EntityType, e.EntityId, e.Action, e.Before, e.After)), query, ct);
        // Contact methods' before and after are phone numbers and addresses: in clear only for those entitled, and then logged.
        if (!actor.SeesContactData)
        {
            return TypedResults.Ok(page with { Items = [.. page.Items.Select(AuditLogContacts.Masked)] });
        }
        if (AuditLogContacts.PeopleIn(page.Items).ToList() is { Count: > 0 } people)
        {
            await guard.RecordDisclosureAsync(actor, people, "audit log", ct);
        }
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<Page<ContactAccessView>>, ValidationProblem>> AccessLog(
        [AsParameters] PageQuery query, Guid? personId, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var entries = db.ContactAccessLog.AsNoTracking();
        if (personId is { } pid)
        {
            entries = entries.Where(e => e.PersonId == pid);
        }
        if (query.Search is { } q)
        {
            entries = entries.Where(e => e.Actor.ToLower().Contains(q));
        }
        return TypedResults.Ok(await Page<ContactAccessView>.ReadAsync(
            entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => new ContactAccessView(e.Id, e.At, e.Actor, e.AccountId, e.PersonId,
                    db.People.Where(p => p.Id == e.PersonId).Select(p => p.Name).FirstOrDefault(), e.RemoteAddress, e.Purpose)), query, ct));
    }
}
