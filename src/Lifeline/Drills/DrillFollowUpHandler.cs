using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Drills;

/// <summary>
/// When a drill should be over: if its escalation has ended, the people it could not reach are told what to fix; if it
/// is still paging (a tier brought back, a slow engine), the job looks again a minute after its next step.
/// </summary>
public sealed class DrillFollowUpHandler(LifelineDbContext db, DrillService drills, TimeProvider time) : IEngineJobHandler
{
    public static EngineJob Job(Guid drillId, DateTimeOffset dueAt, DateTimeOffset now) =>
        new($"drill:{drillId:N}:follow-up:{dueAt.UtcTicks}", DrillJobKinds.FollowUp, drillId, null, 0, 0, dueAt, now);

    public async Task<string> RunAsync(EngineJob job, CancellationToken ct)
    {
        var drill = await db.Drills.FirstOrDefaultAsync(d => d.Id == job.IncidentId, ct);
        if (drill is null)
        {
            return "drill removed";
        }
        var run = await db.EscalationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == drill.EscalationRunId, ct);
        var now = time.GetUtcNow();
        if (run is { IsActive: true })
        {
            var again = (run.NextStepAt is { } next && next > now ? next : now) + TimeSpan.FromMinutes(1);
            db.EngineJobs.Add(Job(drill.Id, again, now));
            return "drill still paging";
        }
        var told = await drills.FollowUpAsync(drill, ct);
        return $"{told} person(s) told what to fix";
    }
}
