using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>A maintenance window ended: alerts it silenced that still fire open (or join) their incident now.</summary>
public sealed class MaintenanceEndedHandler(LifelineDbContext db, AlertIngest ingest) : IEngineJobHandler
{
    public async Task<string> RunAsync(EngineJob job, CancellationToken ct)
    {
        if (await db.Set<MaintenanceWindow>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == job.IncidentId, ct) is not { } window)
        {
            return "maintenance window removed";
        }
        // Another window may still cover the services; AttachAsync asks, so its alerts wait for that window's end.
        var attached = await ingest.AttachSilencedAsync(window.ServiceId, ct);
        return attached == 0 ? "maintenance ended; no silenced alert still firing" : $"maintenance ended; {attached} firing alert(s) put on incidents";
    }
}
