using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Targets;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Roles;

public sealed record RoleHolderView(Guid PersonId, string Name, string? Title, int Position);
public sealed record RoleView(Guid Id, string Name, string? Responsibilities, IReadOnlyList<RoleHolderView> Holders);
public sealed record RoleRequest(string Name, string? Responsibilities, IReadOnlyList<Guid>? HolderIds);

public static class RolesApi
{
    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", List).WithSummary("List roles with their holders");
        roles.MapGet("/{id:guid}", Get).WithSummary("A role with its responsibilities and holders, in order");
        roles.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a role");
        roles.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Change a role").WithDescription("holderIds, when given, replaces the holders; their order is the order in which they are asked.");
        roles.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a role");
        return api;
    }

    private static async Task<Results<Ok<Page<RoleView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var roles = db.DirectoryRoles.AsNoTracking();
        if (query.Search is { } q)
        {
            roles = roles.Where(r => r.Name.ToLower().Contains(q) || (r.Responsibilities != null && r.Responsibilities.ToLower().Contains(q)));
        }
        return TypedResults.Ok(await Page<RoleView>.ReadAsync(roles.OrderBy(r => r.Name).Include(r => r.Holders), query, page => ViewsAsync(page, db, ct), ct));
    }

    private static async Task<Results<Ok<RoleView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var role = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        return role is null ? Problems.NotFound("role", id) : TypedResults.Ok((await ViewsAsync([role], db, ct))[0]);
    }

    private static async Task<Results<Created<RoleView>, ValidationProblem, ProblemHttpResult>> Create(RoleRequest request, LifelineDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, null, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.DirectoryRoles.AnyAsync(r => r.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A role named '{request.Name.Trim()}' already exists.");
        }
        var role = new Role(request.Name, request.Responsibilities);
        role.SetHolders(request.HolderIds ?? []);
        db.DirectoryRoles.Add(role);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", (await ViewsAsync([role], db, ct))[0]);
    }

    private static async Task<Results<Ok<RoleView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, RoleRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var role = await db.DirectoryRoles.Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null)
        {
            return Problems.NotFound("role", id);
        }
        if (await ValidateAsync(request, id, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.DirectoryRoles.AnyAsync(r => r.Id != id && r.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A role named '{request.Name.Trim()}' already exists.");
        }
        role.Update(request.Name, request.Responsibilities);
        if (request.HolderIds is not null)
        {
            role.SetHolders(request.HolderIds);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync([role], db, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var role = await db.DirectoryRoles.Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null)
        {
            return Problems.NotFound("role", id);
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.Role, id, ct);
        if (referencedBy.Count > 0)
        {
            return Problems.Conflict($"{role.Name} is named in {string.Join(", ", referencedBy)}. Change those first.", "The role is still referenced");
        }
        db.DirectoryRoles.Remove(role);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateAsync(RoleRequest request, Guid? id, LifelineDbContext db, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("responsibilities", request.Responsibilities, 4000);
        var holderIds = request.HolderIds ?? [];
        if (holderIds.Distinct().Count() != holderIds.Count)
        {
            v.Add("holderIds", "A person is listed twice.");
        }
        var unknown = holderIds.Except(await db.People.Where(p => holderIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("holderIds", $"No person with id {string.Join(", ", unknown)}.");
        }
        return v.IsValid ? null : Problems.Invalid(v.Errors);
    }

    private static async Task<List<RoleView>> ViewsAsync(IReadOnlyList<Role> roles, LifelineDbContext db, CancellationToken ct)
    {
        var personIds = roles.SelectMany(r => r.Holders).Select(h => h.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Title }).ToDictionaryAsync(p => p.Id, ct);
        return roles.Select(r => new RoleView(r.Id, r.Name, r.Responsibilities,
            r.Holders.OrderBy(h => h.Position)
                .Select(h => new RoleHolderView(h.PersonId, people[h.PersonId].Name, people[h.PersonId].Title, h.Position)).ToList())).ToList();
    }
}
