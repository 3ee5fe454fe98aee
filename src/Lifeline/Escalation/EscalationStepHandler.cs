using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation;

/// <summary>The engine's handler for <see cref="EscalationJobKinds.Step"/>: page one tier.</summary>
public sealed class EscalationStepHandler(LifelineDbContext db, TierPager pager) : IEngineJobHandler
{
    public Task<string> RunAsync(EngineJob job, CancellationToken ct) => pager.PageTierAsync(job, ct);

    /// <summary>
    /// The batch's escalation runs and incidents in two queries, into the unit of work, where the pager
    /// finds them (<c>FindAsync</c>) instead of reading them one job at a time.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<EngineJob> jobs, CancellationToken ct)
    {
        if (jobs.Count < 2)
        {
            return;
        }
        var runIds = jobs.Where(j => j.EscalationRunId is not null).Select(j => j.EscalationRunId!.Value).Distinct().ToList();
        var incidentIds = jobs.Select(j => j.IncidentId).Distinct().ToList();
        await db.EscalationRuns.Where(r => runIds.Contains(r.Id)).LoadAsync(ct);
        await db.Incidents.Where(i => incidentIds.Contains(i.Id)).LoadAsync(ct);
    }
}
