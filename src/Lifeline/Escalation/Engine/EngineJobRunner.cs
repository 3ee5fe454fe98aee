namespace Lifeline.Escalation.Engine;

/// <summary>Carries out one claimed job in the pass's unit of work and says what it did.</summary>
public sealed class EngineJobRunner(TierPager pager, ServiceLevelMonitor monitor)
{
    public Task<string> RunAsync(EngineJob job, CancellationToken ct) => job.Kind switch
    {
        EngineJobKind.EscalationStep => pager.PageTierAsync(job, ct),
        EngineJobKind.EscalationExhausted => pager.ExhaustAsync(job, ct),
        EngineJobKind.AcknowledgeTarget or EngineJobKind.ResolveTarget => monitor.CheckTargetAsync(job, ct),
        EngineJobKind.UpdateDue => monitor.CheckUpdateAsync(job, ct),
        _ => Task.FromResult($"unknown job kind {job.Kind}"),
    };
}
