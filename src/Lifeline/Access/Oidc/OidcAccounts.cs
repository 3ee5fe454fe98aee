using System.Security.Claims;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lifeline.Access.Oidc;

/// <summary>
/// Turns a person the OpenID Connect provider vouched for into a Lifeline account: matched by the configured claim,
/// created when allowed, its roles set from the groups when a mapping is configured. Every sign-in, creation and
/// change of roles this makes is audited; a refusal says why in words for the sign-in page.
/// </summary>
public sealed class OidcAccounts(UserManager<Account> users, AccountService accounts, LifelineDbContext db, IOptions<OidcOptions> options, TimeProvider time,
    ILogger<OidcAccounts> logger)
{
    public sealed record Result(Account? Account, string? Refusal);

    public async Task<Result> ResolveAsync(ClaimsPrincipal external, string? address, CancellationToken ct)
    {
        var o = options.Value;
        var key = external.FindFirst(o.MatchClaim)?.Value;
        if (string.IsNullOrWhiteSpace(key))
        {
            return new(null, $"The provider did not send the '{o.MatchClaim}' claim that Lifeline matches accounts on.");
        }
        var byEmail = string.Equals(o.MatchClaim, "email", StringComparison.OrdinalIgnoreCase);
        if (byEmail && o.RequireVerifiedEmail && !string.Equals(external.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, "The provider does not say this e-mail address is verified.");
        }
        var roles = MappedRoles(external);
        if (o.Roles.Count > 0 && roles.Count == 0)
        {
            logger.LogWarning("A single sign-on was refused: none of the person's groups maps to a Lifeline role");
            return new(null, "None of your groups gives you a role in Lifeline; ask an administrator.");
        }
        Account? account;
        try
        {
            account = byEmail ? await users.FindByEmailAsync(key) : await users.FindByLoginAsync(OidcOptions.Scheme, key);
        }
        catch (InvalidOperationException)
        {
            // Identity's answer when several accounts have the address: matching one of them would be a guess.
            return new(null, "More than one Lifeline account has this e-mail address; ask an administrator.");
        }
        var now = time.GetUtcNow();
        var self = (Account a) => new Actor(a.Id, a.UserName!, new HashSet<string>(), a.PersonId, address);
        if (account is null)
        {
            if (!o.CreateAccounts)
            {
                return new(null, "You have no Lifeline account; ask an administrator to create one.");
            }
            await accounts.EnsureRolesAsync();
            var userName = external.FindFirst("preferred_username")?.Value ?? external.FindFirst("email")?.Value ?? key;
            if (await users.FindByNameAsync(userName) is not null)
            {
                userName = $"{userName}-{Guid.NewGuid():N}"[..Math.Min(userName.Length + 9, 64)];
            }
            account = new Account { UserName = userName, Email = external.FindFirst("email")?.Value, EmailConfirmed = byEmail, CreatedAt = now };
            (await users.CreateAsync(account)).ThrowIfFailed();
            if (!byEmail)
            {
                (await users.AddLoginAsync(account, new UserLoginInfo(OidcOptions.Scheme, key, o.DisplayName))).ThrowIfFailed();
            }
            var given = roles.Count > 0 ? roles : [LifelineRoles.Viewer];
            (await users.AddToRolesAsync(account, given)).ThrowIfFailed();
            AccountAudit.Record(db, self(account), now, account.Id, "AccountCreated", new { account.UserName, roles = given, via = "single sign-on" });
        }
        else if (await users.IsLockedOutAsync(account))
        {
            return new(null, "Your Lifeline account is disabled.");
        }
        else if (roles.Count > 0)
        {
            var current = await users.GetRolesAsync(account);
            if (!current.Order().SequenceEqual(roles.Order()))
            {
                (await users.RemoveFromRolesAsync(account, current.Except(roles))).ThrowIfFailed();
                (await users.AddToRolesAsync(account, roles.Except(current))).ThrowIfFailed();
                AccountAudit.Record(db, self(account), now, account.Id, "RolesChanged", new { before = current.Order().ToList(), after = roles.Order().ToList(), via = "single sign-on" });
            }
        }
        AccountAudit.Record(db, self(account), now, account.Id, "SignedIn", new { via = "single sign-on" });
        await db.SaveChangesAsync(ct);
        return new(account, null);
    }

    private List<string> MappedRoles(ClaimsPrincipal external)
    {
        var mapping = options.Value.Roles;
        return [.. external.FindAll(options.Value.GroupsClaim).Select(c => mapping.GetValueOrDefault(c.Value)).OfType<string>()
            .Select(LifelineRoles.Normalise).OfType<string>().Distinct()];
    }
}
