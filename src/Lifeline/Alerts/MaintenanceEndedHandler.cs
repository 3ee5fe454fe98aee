using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// A maintenance window ended: alerts it silenced that still fire open (or join) their incident now; an occurrence of a
/// recurring maintenance also schedules the next.
/// </summary>
public sealed class MaintenanceEndedHandler(LifelineDbContext db, AlertIngest ingest, RecurringMaintenances recurring) : IEngineJobHandler
{
    public async Task<string> RunAsync(EngineJob job, CancellationToken ct)
    {
        if (await db.Set<MaintenanceWindow>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == job.IncidentId, ct) is not { } window)
        {
            return "maintenance window removed";
        }
        // Another window may still cover the services; AttachAsync asks, so its alerts wait for that window's end.
        var attached = await ingest.AttachSilencedAsync(window.ServiceId, ct);
        var outcome = attached == 0 ? "maintenance ended; no silenced alert still firing" : $"maintenance ended; {attached} firing alert(s) put on incidents";
        if (window.RecurringMaintenanceId is { } seriesId)
        {
            // One occurrence over: the series makes the next, in the same transaction as this job's completion.
            var made = await recurring.KeepAheadAsync(seriesId, ct);
            await db.SaveChangesAsync(ct);
            outcome += made == 0 ? "; no further occurrence" : $"; {made} further occurrence(s) scheduled";
        }
        return outcome;
    }
}
