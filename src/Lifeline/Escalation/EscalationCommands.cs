using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation;

/// <summary>
/// What a person may do to an incident's escalation by hand, for the API and the console alike. Each command takes
/// its actor, who is named on the timeline and in the audit (the audit interceptor reads the actor of the unit of
/// work, which <see cref="CurrentActor.Use"/> sets).
/// </summary>
public sealed class EscalationCommands(LifelineDbContext db, IncidentTimeline timeline, IncidentService incidents, CurrentActor current, TimeProvider time)
{
    /// <summary>
    /// Pages the next tier at once instead of waiting out the current one: the next step of the running escalation falls due now.
    /// An open incident at an escalating severity that is not paging (entered from a manual log) starts its escalation now.
    /// </summary>
    public async Task<Outcome<IncidentEscalationView>> EscalateNowAsync(Actor actor, string number, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "escalate now") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        number = IncidentNumbers.Normalise(number);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null)
        {
            return Refusal.NotFound("incident", number);
        }
        var run = await db.EscalationRuns.FirstOrDefaultAsync(r => r.IncidentId == incident.Id && r.TeamId == null && r.State == EscalationRunState.Active, ct);
        var next = run is null ? null : await db.EngineJobs.Where(j => j.EscalationRunId == run.Id && j.DoneAt == null).OrderBy(j => j.DueAt).FirstOrDefaultAsync(ct);
        if (run is null && incident.Status == IncidentStatus.Open)
        {
            var started = await incidents.StartEscalationAsync(number, actor, ct);
            return started.Failure is { } failure
                ? new Refusal(failure.Status, failure.Status == StatusCodes.Status409Conflict ? "Nothing to escalate" : failure.Title, failure.Detail, failure.Errors)
                : await EscalationViews.ForAsync(started.Incident!, db, ct);
        }
        if (run is null || next is null)
        {
            return Refusal.Conflict($"{number} has no escalation running (it is {incident.Status}); there is no next tier to page.", "Nothing to escalate");
        }
        next.BringForward(time.GetUtcNow());
        timeline.Append(incident.Id, EscalationTimelineKinds.EscalatedManually, $"{actor.Name} escalated now: the next step fires at once.", actor.Name);
        await db.SaveChangesAsync(ct);
        return await EscalationViews.ForAsync(incident, db, ct);
    }
}
