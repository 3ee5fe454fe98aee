using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Services;

public static class ServiceAreasApi
{
    public static RouteGroupBuilder MapServiceAreasApi(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/service-areas").WithTags("Service areas");
        areas.MapGet("/", List).WithSummary("List service areas with their manager and default Level 2 teams");
        areas.MapGet("/{id:guid}", Get).WithSummary("A service area");
        areas.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a service area");
        areas.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a service area")
            .WithDescription("The bridge fields (dial-in number, PIN, link) replace the current bridge; leave them out to use the configured default.");
        areas.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove a service area").WithDescription("Refused with 409 while services belong to it.");
        return api;
    }

    private static async Task<Results<Ok<Page<ServiceAreaView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var areas = db.ServiceAreas.AsNoTracking();
        if (query.Search is { } q)
        {
            areas = areas.Where(a => a.Name.ToLower().Contains(q) || (a.Description != null && a.Description.ToLower().Contains(q)));
        }
        return TypedResults.Ok(await Page<ServiceAreaView>.ReadAsync(areas.OrderBy(a => a.Name).Include(a => a.DefaultTeams), query, page => ViewsAsync(page, db, ct), ct));
    }

    private static async Task<Results<Ok<ServiceAreaView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var area = await db.ServiceAreas.AsNoTracking().Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        return area is null ? Problems.NotFound("service area", id) : TypedResults.Ok((await ViewsAsync([area], db, ct))[0]);
    }

    private static async Task<Results<Created<ServiceAreaView>, ValidationProblem, ProblemHttpResult>> Create(ServiceAreaRequest request, LifelineDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.ServiceAreas.AnyAsync(a => a.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A service area named '{request.Name.Trim()}' already exists.");
        }
        var area = new ServiceArea(request.Name, request.Description, request.ManagerId!.Value);
        area.SetDefaultTeams(request.DefaultTeamIds ?? []);
        area.SetBridge(request.BridgeDialIn, request.BridgePin, request.BridgeLink);
        db.ServiceAreas.Add(area);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/service-areas/{area.Id}", (await ViewsAsync([area], db, ct))[0]);
    }

    private static async Task<Results<Ok<ServiceAreaView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, ServiceAreaRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var area = await db.ServiceAreas.Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Problems.NotFound("service area", id);
        }
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.ServiceAreas.AnyAsync(a => a.Id != id && a.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A service area named '{request.Name.Trim()}' already exists.");
        }
        area.Update(request.Name, request.Description, request.ManagerId!.Value);
        area.SetBridge(request.BridgeDialIn, request.BridgePin, request.BridgeLink);
        if (request.DefaultTeamIds is not null)
        {
            area.SetDefaultTeams(request.DefaultTeamIds);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync([area], db, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var area = await db.ServiceAreas.Include(a => a.DefaultTeams).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null)
        {
            return Problems.NotFound("service area", id);
        }
        var services = await db.Services.Where(s => s.ServiceAreaId == id).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        if (services.Count > 0)
        {
            return Problems.Conflict(
                $"{area.Name} still has the service(s) {string.Join(", ", services)}. Move them to another area or remove them first.",
                "The service area is still referenced");
        }
        db.ServiceAreas.Remove(area);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateAsync(ServiceAreaRequest request, LifelineDbContext db, CancellationToken ct)
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
        return v.IsValid ? null : Problems.Invalid(v.Errors);
    }

    private static async Task<List<ServiceAreaView>> ViewsAsync(IReadOnlyList<ServiceArea> areas, LifelineDbContext db, CancellationToken ct)
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
