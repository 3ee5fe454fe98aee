using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>Creates accounts and issues tokens; shared by the API, the operator commands and start-up.</summary>
public sealed class AccountService(UserManager<Account> users, RoleManager<IdentityRole<Guid>> roles, LifelineDbContext db, TimeProvider time)
{
    public sealed record Outcome<T>(T? Value, IReadOnlyDictionary<string, string[]>? Errors)
    {
        public bool Succeeded => Errors is null;
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in LifelineRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                (await roles.CreateAsync(new IdentityRole<Guid>(role))).ThrowIfFailed();
            }
        }
    }

    public async Task<Outcome<Account>> CreateAsync(string userName, string password, IReadOnlyCollection<string> roleNames, Guid? personId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var normalisedRoles = roleNames.Select(r => (Given: r, Role: LifelineRoles.Normalise(r))).ToList();
        var unknown = normalisedRoles.Where(r => r.Role is null).Select(r => r.Given).ToList();
        if (unknown.Count > 0)
        {
            errors["roles"] = [$"Unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(", ", LifelineRoles.All)}."];
        }
        if (roleNames.Count == 0)
        {
            errors["roles"] = [$"At least one role is required: {string.Join(", ", LifelineRoles.All)}."];
        }
        if (personId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct))
        {
            errors["personId"] = [$"No person with id {pid}."];
        }
        if (errors.Count > 0)
        {
            return new(null, errors);
        }
        await EnsureRolesAsync();
        var account = new Account { UserName = userName.Trim(), PersonId = personId, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return new(null, IdentityErrors(created));
        }
        (await users.AddToRolesAsync(account, normalisedRoles.Select(r => r.Role!).Distinct())).ThrowIfFailed();
        return new(account, null);
    }

    public async Task<(ApiToken Token, string Secret)> IssueTokenAsync(Account account, string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var issued = ApiToken.Issue(account.Id, name, time.GetUtcNow(), expiresAt);
        db.ApiTokens.Add(issued.Token);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    public static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "account")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
