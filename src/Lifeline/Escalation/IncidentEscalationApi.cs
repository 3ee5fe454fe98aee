using Lifeline.Access;
using Lifeline.Acknowledgements;
using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation;

/// <summary>An incident's escalation: where it stands, escalate now, Level 2 teams and their acknowledgements, stakeholder tasks.</summary>
public static class IncidentEscalationApi
{
    public static RouteGroupBuilder MapIncidentEscalationApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Escalation").NormalisesIncidentNumbers();
        incidents.MapGet("/{number}/escalation", Get)
            .WithSummary("Current tier, who was notified, the next step and when; Level 2 teams; stakeholder tasks")
            .WithDescription("A running escalation uses the snapshot of its policy taken when it started; later edits to the policy apply to new escalations.");
        incidents.MapPost("/{number}/escalate", EscalateNow).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Escalate now: page the next tier at once instead of waiting out the current one")
            .WithDescription("An open incident at an escalating severity that is not paging (entered from a manual log without notify) starts its escalation now.");
        incidents.MapPost("/{number}/teams", EngageTeams).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Name Level 2 teams (added to those already named); each is paged with the ticket number and the conference bridge");
        incidents.MapPost("/{number}/teams/{teamId:guid}/acknowledge", AcknowledgeTeam)
            .RequireAuthorization(p => p.RequireRole(LifelineRoles.Responder, LifelineRoles.IncidentManager, LifelineRoles.Level1Technician, LifelineRoles.Admin))
            .WithSummary("A Level 2 team acknowledges its page; tracked per team")
            .WithDescription("By a member of the team (the person linked to the caller's account), an incident manager or an admin; anyone else gets 403.");
        incidents.MapPost("/{number}/tasks/{taskId:guid}/confirm", ConfirmTask)
            .RequireAuthorization(p => p.RequireRole(LifelineRoles.Stakeholder, LifelineRoles.IncidentManager, LifelineRoles.Level1Technician, LifelineRoles.Admin))
            .WithSummary("Confirm a stakeholder task (e.g. the Director of Operations has called the CIO and DCIO)")
            .WithDescription("By the person the task is for (linked to the caller's account), an incident manager or an admin; anyone else gets 403.");
        return api;
    }

    private static async Task<Results<Ok<IncidentEscalationView>, ProblemHttpResult>> Get(string number, LifelineDbContext db, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == number, ct);
        return incident is null ? Problems.NotFound("incident", number) : TypedResults.Ok(await EscalationViews.ForAsync(incident, db, ct));
    }

    private static async Task<Results<Ok<IncidentEscalationView>, ValidationProblem, ProblemHttpResult>> EscalateNow(
        string number, Actor actor, EscalationCommands escalation, CancellationToken ct) =>
        await escalation.EscalateNowAsync(actor, number, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<IncidentEscalationView>>()
            : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<IncidentEscalationView>, ValidationProblem, ProblemHttpResult>> EngageTeams(
        string number, EngageTeamsRequest request, LifelineDbContext db, IncidentService incidents, Actor actor, CancellationToken ct)
    {
        if (request.TeamIds is not { Count: > 0 })
        {
            return Problems.Invalid("teamIds", "Name one or more Level 2 teams by id.");
        }
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Level2Teams).FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null)
        {
            return Problems.NotFound("incident", number);
        }
        var outcome = await incidents.NameLevel2TeamsAsync(number, [.. incident.Level2TeamIds.Union(request.TeamIds)], actor, request.When, ct);
        if (outcome.Failure is { } failure)
        {
            return IncidentViews.Fail<Ok<IncidentEscalationView>>(failure);
        }
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await EscalationViews.ForAsync(outcome.Incident!, db, ct));
    }

    private static async Task<Results<Ok<IncidentEscalationView>, ValidationProblem, ProblemHttpResult>> AcknowledgeTeam(
        string number, Guid teamId, LifelineDbContext db, Acknowledger acknowledger, Actor actor, CancellationToken ct)
    {
        var outcome = await acknowledger.AcknowledgeTeamAsync(actor, number, teamId, AcknowledgementChannels.Api, ct);
        return outcome.Refusal is { } refusal ? refusal.As<Ok<IncidentEscalationView>>() : TypedResults.Ok(await EscalationViews.ForAsync(outcome.Value!, db, ct));
    }

    private static async Task<Results<Ok<StakeholderTaskView>, ValidationProblem, ProblemHttpResult>> ConfirmTask(
        string number, Guid taskId, LifelineDbContext db, Acknowledger acknowledger, Actor actor, CancellationToken ct)
    {
        var outcome = await acknowledger.ConfirmTaskAsync(actor, number, taskId, ct);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.As<Ok<StakeholderTaskView>>();
        }
        var task = outcome.Value!;
        var person = await db.People.Where(p => p.Id == task.PersonId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "(deleted)";
        return TypedResults.Ok(new StakeholderTaskView(task.Id, task.PersonId, person, task.Text, task.CreatedAt, task.ConfirmedAt, task.ConfirmedBy));
    }
}
