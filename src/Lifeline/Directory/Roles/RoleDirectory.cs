using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Roles;

/// <summary>
/// Roles and their holders, for the API and the console alike. Every change takes its actor and is audited under
/// the actor's name (the audit interceptor reads the actor of the unit of work, named here with
/// <see cref="CurrentActor.Use"/>). Reads take no viewer: a role shows its holders' names and titles, never their
/// contact values.
/// </summary>
public sealed class RoleDirectory(LifelineDbContext db, CurrentActor current)
{
    public async Task<Outcome<Page<RoleView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var roles = db.DirectoryRoles.AsNoTracking();
        if (query.Search is { } q)
        {
            roles = roles.Where(r => r.Name.ToLower().Contains(q) || (r.Responsibilities != null && r.Responsibilities.ToLower().Contains(q)));
        }
        return await Page<RoleView>.ReadAsync(roles.OrderBy(r => r.Name).Include(r => r.Holders), query, page => ViewsAsync(page, ct), ct);
    }

    public async Task<Outcome<RoleView>> GetAsync(Guid id, CancellationToken ct)
    {
        var role = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        return role is null ? Refusal.NotFound("role", id) : (await ViewsAsync([role], ct))[0];
    }

    public async Task<Outcome<RoleView>> CreateAsync(Actor actor, RoleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.DirectoryRoles.AnyAsync(r => r.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A role named '{request.Name.Trim()}' already exists.");
        }
        var role = new Role(request.Name, request.Responsibilities);
        role.SetHolders(request.HolderIds ?? []);
        role.HoldThrough(request.ScheduleId is { } s && s != Guid.Empty ? s : null);
        db.DirectoryRoles.Add(role);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([role], ct))[0];
    }

    public async Task<Outcome<RoleView>> UpdateAsync(Actor actor, Guid id, RoleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var role = await db.DirectoryRoles.Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null)
        {
            return Refusal.NotFound("role", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.DirectoryRoles.AnyAsync(r => r.Id != id && r.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A role named '{request.Name.Trim()}' already exists.");
        }
        role.Update(request.Name, request.Responsibilities);
        if (request.HolderIds is not null)
        {
            role.SetHolders(request.HolderIds);
        }
        if (request.ScheduleId is { } scheduleId)
        {
            role.HoldThrough(scheduleId == Guid.Empty ? null : scheduleId);
        }
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([role], ct))[0];
    }

    /// <returns>The removed role's id, or why not: a role still named as an escalation target stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var role = await db.DirectoryRoles.Include(r => r.Holders).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null)
        {
            return Refusal.NotFound("role", id);
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.Role, id, ct);
        if (referencedBy.Count > 0)
        {
            return Refusal.Conflict($"{role.Name} is a target of {Dependents.Join(referencedBy)}; remove it from there first.", "The role is still referenced");
        }
        db.DirectoryRoles.Remove(role);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private async Task<Refusal?> ValidateAsync(RoleRequest request, CancellationToken ct)
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
        if (request.ScheduleId is { } scheduleId && scheduleId != Guid.Empty && !await db.Schedules.AnyAsync(s => s.Id == scheduleId, ct))
        {
            v.Add("scheduleId", $"No schedule with id {scheduleId}.");
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }

    private async Task<List<RoleView>> ViewsAsync(IReadOnlyList<Role> roles, CancellationToken ct)
    {
        var personIds = roles.SelectMany(r => r.Holders).Select(h => h.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Title }).ToDictionaryAsync(p => p.Id, ct);
        var scheduleIds = roles.Select(r => r.ScheduleId).OfType<Guid>().Distinct().ToList();
        var schedules = scheduleIds.Count == 0 ? []
            : await db.Schedules.AsNoTracking().Where(s => scheduleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return roles.Select(r => new RoleView(r.Id, r.Name, r.Responsibilities,
            r.Holders.OrderBy(h => h.Position)
                .Select(h => new RoleHolderView(h.PersonId, people[h.PersonId].Name, people[h.PersonId].Title, h.Position)).ToList(),
            r.ScheduleId is null ? "holders" : "schedule", r.ScheduleId, r.ScheduleId is { } s ? schedules.GetValueOrDefault(s) : null)).ToList();
    }
}
