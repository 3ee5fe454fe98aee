using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// A heartbeat monitor's deadline came. Heartbeats only move the deadline (an update, no job), so this job follows it:
/// moved on, it schedules the check at the new deadline; passed, it triggers the alert, and the next heartbeat resolves it.
/// </summary>
public sealed class HeartbeatDeadlineHandler(LifelineDbContext db, HeartbeatMonitors monitors, AlertIngest ingest, TimeProvider time) : IEngineJobHandler
{
    public async Task<string> RunAsync(EngineJob job, CancellationToken ct)
    {
        if (await db.Set<HeartbeatMonitor>().FirstOrDefaultAsync(m => m.Id == job.IncidentId, ct) is not { } monitor)
        {
            return "monitor removed";
        }
        var now = time.GetUtcNow();
        if (monitor.MissedAt is not null)
        {
            return "already missed";
        }
        if (monitor.DeadlineAt > now)
        {
            monitors.Schedule(monitor, now);
            return $"heartbeat received; next check at {monitor.DeadlineAt:O}";
        }
        monitor.Miss(now);
        var accepted = await ingest.ApplyAsync(monitor.ServiceId, null, $"heartbeat ({monitor.Name})", HeartbeatMonitors.Event(monitor, AlertAction.Trigger), ct);
        return accepted.IncidentNumber is { } number ? $"heartbeat missed; alert on {number}" : "heartbeat missed; alert recorded (maintenance)";
    }
}
