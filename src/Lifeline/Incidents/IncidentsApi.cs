using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Incidents;

/// <summary>Opening, reading and searching incidents, and the changes anyone running one may make.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents").NormalisesIncidentNumbers();
        incidents.MapGet("/", List).WithSummary("Search incidents by status, severity, service, time opened and text");
        incidents.MapPost("/", Open).RequireAuthorization(AccessPolicies.OpenAndCloseIncidents).RequireRateLimiting(IncidentOpenLimit.Policy)
            .WithSummary("Open an incident (Level 1 technician)")
            .WithDescription("Without severity, give impactScope and serviceState: the classification rules propose a severity (proposedSeverity, proposalReason) and the incident opens with it. " +
                "A severity whose procedure is escalation opens the incident as Escalating. With openedAt in the past and a manualLogId it is an incident from a manual log; importing it again returns the existing incident (200).");
        incidents.MapGet("/{number}", Get).WithSummary("An incident: severity, status, incident manager, Level 2 teams, bridge, status updates, survey")
            .WithDescription("The reporter's contact is in clear for Admin, Level1Technician and IncidentManager and masked for every other role.");
        incidents.MapPut("/{number}/severity", ChangeSeverity).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Override the severity, with a reason (goes on the timeline)")
            .WithDescription("Raising an Open incident to a severity whose procedure is escalation moves it to Escalating; lowering an Escalating one moves it back to Open.");
        incidents.MapPut("/{number}/incident-manager", AssignIncidentManager).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Make a person the incident manager");
        incidents.MapPut("/{number}/level2-teams", NameLevel2Teams).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Name the Level 2 groups that restore service (incident manager)");
        incidents.MapIncidentActionsApi();
        incidents.MapIncidentTimelineApi();
        return api;
    }

    private static async Task<Results<Ok<Page<IncidentSummary>>, ValidationProblem>> List([AsParameters] IncidentSearch search, LifelineDbContext db, CancellationToken ct)
    {
        var query = new PageQuery { Page = search.Page, PageSize = search.PageSize, Q = search.Q };
        var errors = query.Validate() ?? [];
        if (search.OpenedFrom is { } from && search.OpenedTo is { } to && to < from)
        {
            errors["openedTo"] = ["openedTo is before openedFrom."];
        }
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }
        var incidents = db.Incidents.AsNoTracking();
        if (search.Status is { } status)
        {
            incidents = incidents.Where(i => i.Status == status);
        }
        if (search.Severity is { } severity)
        {
            incidents = incidents.Where(i => i.Severity == severity);
        }
        if (search.ServiceId is { } serviceId)
        {
            incidents = incidents.Where(i => i.ServiceId == serviceId);
        }
        // Instants are compared in UTC: that is how they are stored (see SqliteLifelineDbContext).
        if (search.OpenedFrom?.ToUniversalTime() is { } openedFrom)
        {
            incidents = incidents.Where(i => i.OpenedAt >= openedFrom);
        }
        if (search.OpenedTo?.ToUniversalTime() is { } openedTo)
        {
            incidents = incidents.Where(i => i.OpenedAt < openedTo);
        }
        if (query.Search is { } q)
        {
            incidents = incidents.Where(i => i.Number.ToLower().Contains(q) || i.Title.ToLower().Contains(q) || (i.Description != null && i.Description.ToLower().Contains(q)));
        }
        var views = from i in incidents
                    join s in db.Services on i.ServiceId equals s.Id
                    orderby i.OpenedAt descending, i.Id descending
                    select new IncidentSummary(i.Id, i.Number, i.Title, i.ServiceId, s.Name, i.Severity, i.Status, i.IsDrill, i.OpenedAt, i.ResolvedAt, i.ClosedAt);
        return TypedResults.Ok(await Page<IncidentSummary>.ReadAsync(views, query, ct));
    }

    private static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> Open(
        OpenIncidentRequest request, IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.OpenAsync(request, actor, ct);
        if (outcome.Failure is { } failure)
        {
            return IncidentViews.Fail<Ok<IncidentView>>(failure).Result switch
            {
                ValidationProblem invalid => invalid,
                var problem => (ProblemHttpResult)problem,
            };
        }
        var view = await IncidentViews.ViewAsync(outcome.Incident!, db, guard, actor, ct);
        return outcome.AlreadyExisted ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/incidents/{view.Number}", view);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(string number, Actor actor, IncidentService incidents, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var incident = await incidents.FindAsync(number, ct);
        return incident is null ? Problems.NotFound("incident", number) : TypedResults.Ok(await IncidentViews.ViewAsync(incident, db, guard, actor, ct));
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> ChangeSeverity(
        string number, SeverityChangeRequest request, IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        if (request.Severity is not { } severity)
        {
            return Problems.Invalid("severity", "severity is required.");
        }
        var outcome = await incidents.ChangeSeverityAsync(number, severity, request.Reason ?? "", actor, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> AssignIncidentManager(
        string number, IncidentManagerRequest request, IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        if (request.PersonId is not { } personId)
        {
            return Problems.Invalid("personId", "personId is required.");
        }
        var outcome = await incidents.AssignIncidentManagerAsync(number, personId, actor, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> NameLevel2Teams(
        string number, Level2TeamsRequest request, IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.NameLevel2TeamsAsync(number, request.TeamIds ?? [], actor, request.When, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }
}
