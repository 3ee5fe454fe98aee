using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Drills;

/// <summary>A scheduled drill falls due: it runs, and the schedule's next drill becomes the next job.</summary>
public sealed class DrillDueHandler(LifelineDbContext db, DrillService drills, TimeProvider time) : IEngineJobHandler
{
    public static EngineJob Job(DrillSchedule schedule, DateTimeOffset dueAt, DateTimeOffset now) =>
        new($"drill-schedule:{schedule.Id:N}:{dueAt.UtcTicks}", DrillJobKinds.Due, schedule.Id, null, 0, 0, dueAt, now);

    public async Task<string> RunAsync(EngineJob job, CancellationToken ct)
    {
        var schedule = await db.DrillSchedules.FirstOrDefaultAsync(s => s.Id == job.IncidentId, ct);
        if (schedule is null)
        {
            return "schedule removed";
        }
        if (schedule.NextRunAt != job.DueAt)
        {
            return "schedule changed";
        }
        var now = time.GetUtcNow();
        var outcome = await drills.RunScheduledAsync(schedule, ct);
        var next = DrillRecurrence.Next(schedule.Recurrence, schedule.FirstLocal, schedule.TimeZone, job.DueAt > now ? job.DueAt : now);
        schedule.Next(next);
        if (next is { } at)
        {
            db.EngineJobs.Add(Job(schedule, at, now));
        }
        return outcome;
    }
}
