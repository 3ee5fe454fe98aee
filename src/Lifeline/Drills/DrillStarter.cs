using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Drills;

/// <summary>
/// Starts the paging of a drill incident when it is opened, in the same transaction: its policy once through, as a
/// <see cref="Drill"/> the report can read back, and a follow-up job for when the drill should be over.
/// </summary>
public sealed class DrillStarter(LifelineDbContext db, EscalationPlanner planner, DrillPlan plan, IncidentTimeline timeline, TimeProvider time) : IIncidentObserver
{
    public async Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        if (change.Kind != IncidentChangeKind.Opened || !incident.IsDrill)
        {
            return;
        }
        if (change.Quiet)
        {
            timeline.Append(incident.Id, EscalationTimelineKinds.DrillContinues, "A drill entered from a manual log: nobody was paged.", "engine");
            return;
        }
        var pending = plan.Pending;
        plan.Pending = null;
        var policyId = pending?.PolicyId ?? await db.Services.Where(s => s.Id == incident.ServiceId).Select(s => s.EscalationPolicyId).FirstOrDefaultAsync(ct);
        var policy = policyId is { } id
            ? await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            : await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.IsDefault, ct);
        if (policy is null)
        {
            timeline.Append(incident.Id, EscalationTimelineKinds.DrillContinues, "Drill: no escalation policy applies, so nobody is paged.", "engine");
            return;
        }
        var now = time.GetUtcNow();
        var run = planner.StartDrill(incident, new PolicySnapshot(policy.Id, policy.Name, 0, policy.Tiers));
        var drill = new Drill(pending?.ScheduleId, incident.Id, run.Id, incident.ServiceId, policy.Id, policy.Name, change.Actor, now);
        db.Drills.Add(drill);
        // At the latest when every tier's wait has run out; earlier answers bring the tiers forward, never later.
        var end = now + policy.Tiers.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Wait) + TimeSpan.FromMinutes(1);
        db.EngineJobs.Add(DrillFollowUpHandler.Job(drill.Id, end, now));
    }
}
