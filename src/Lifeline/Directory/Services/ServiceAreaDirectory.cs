using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Services;

/// <summary>
/// Service areas (their manager, default Level 2 teams and bridge), for the API and the console alike. Every
/// change takes its actor and is audited under the actor's name. Reads take no viewer: an area shows its
/// manager's name, never the manager's contact values.
/// </summary>
public sealed class ServiceAreaDirectory(LifelineDbContext db, CurrentActor current)
{
    public async Task<Outcome<Page<ServiceAreaView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var areas = db.ServiceAreas.AsNoTracking();
        if (query.Search is { } q)
        {
            areas = areas.Where(a => a.Name.ToLower().Contains(q) || (a.Description != null && a.Description.ToLower().Contains(q)));
        }
        return await Page<ServiceAreaView>.ReadAsync(areas.OrderBy(a => a.Name).Include(a => a.DefaultTeams), query, page => ViewsAsync(page, ct), ct);
    }

    public async Task<Outcome<ServiceAreaView>> GetAsync(Guid id, CancellationToken ct)
    {
        var area = await db.ServiceAreas.AsNoTracking().Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        return area is null ? Refusal.NotFound("service area", id) : (await ViewsAsync([area], ct))[0];
    }

    public async Task<Outcome<ServiceAreaView>> CreateAsync(Actor actor, ServiceAreaRequest request, CancellationToken ct)
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
        if (await db.ServiceAreas.AnyAsync(a => a.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A service area named '{request.Name.Trim()}' already exists.");
        }
        var area = new ServiceArea(request.Name, request.Description, request.ManagerId!.Value);
        area.SetDefaultTeams(request.DefaultTeamIds ?? []);
        area.SetBridge(request.BridgeDialIn, request.BridgePin, request.BridgeLink);
        db.ServiceAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([area], ct))[0];
    }

    public async Task<Outcome<ServiceAreaView>> UpdateAsync(Actor actor, Guid id, ServiceAreaRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var area = await db.ServiceAreas.Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Refusal.NotFound("service area", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.ServiceAreas.AnyAsync(a => a.Id != id && a.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A service area named '{request.Name.Trim()}' already exists.");
        }
        area.Update(request.Name, request.Description, request.ManagerId!.Value);
        area.SetBridge(request.BridgeDialIn, request.BridgePin, request.BridgeLink);
        if (request.DefaultTeamIds is not null)
        {
            area.SetDefaultTeams(request.DefaultTeamIds);
        }
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([area], ct))[0];
    }

    /// <returns>The removed area's id, or why not: an area that still has services stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var area = await db.ServiceAreas.Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Refusal.NotFound("service area", id);
        }
        var services = await db.Services.Where(s => s.ServiceAreaId == id).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        if (services.Count > 0)
        {
            return Refusal.Conflict(services.Count == 1
                ? $"{area.Name} has the service {services[0]}; move it to another area first."
                : $"{area.Name} has the services {Dependents.Join(services)}; move them to another area first.",
                "The service area is still referenced");
        }
        db.ServiceAreas.Remove(area);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private async Task<Refusal?> ValidateAsync(ServiceAreaRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000)
            .Optional("bridgeDialIn", request.BridgeDialIn, 64).Optional("bridgePin", request.BridgePin, 32).Optional("bridgeLink", request.BridgeLink, 500);
        if (request.ManagerId is not { } managerId)
        {
            v.Add("managerId", "managerId is required: the service area manager is the last backup of a Severity 1 escalation.");
        }
        else if (!await db.People.AnyAsync(p => p.Id == managerId, ct))
        {
            v.Add("managerId", $"No person with id {managerId}.");
        }
        var teamIds = request.DefaultTeamIds ?? [];
        var unknown = teamIds.Except(await db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("defaultTeamIds", $"No team with id {string.Join(", ", unknown)}.");
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }

    private async Task<List<ServiceAreaView>> ViewsAsync(IReadOnlyList<ServiceArea> areas, CancellationToken ct)
    {
        var managerIds = areas.Select(a => a.ManagerId).Distinct().ToList();
        var managers = await db.People.AsNoTracking().Where(p => managerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var teamIds = areas.SelectMany(a => a.DefaultTeams).Select(t => t.TeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var areaIds = areas.Select(a => a.Id).ToList();
        var services = (await db.Services.AsNoTracking().Where(s => areaIds.Contains(s.ServiceAreaId))
            .Select(s => new { s.ServiceAreaId, s.Name }).ToListAsync(ct)).ToLookup(s => s.ServiceAreaId, s => s.Name);
        return areas.Select(a => new ServiceAreaView(a.Id, a.Name, a.Description, new PersonRef(a.ManagerId, managers[a.ManagerId]),
            a.DefaultTeams.Select(t => new TeamRef(t.TeamId, teams[t.TeamId])).OrderBy(t => t.Name).ToList(),
            services[a.Id].Order().ToList(), a.BridgeDialIn, a.BridgePin, a.BridgeLink)).ToList();
    }
}
