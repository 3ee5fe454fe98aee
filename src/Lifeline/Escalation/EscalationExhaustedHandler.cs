using Lifeline.Engine;

namespace Lifeline.Escalation;

/// <summary>The engine's handler for <see cref="EscalationJobKinds.Exhausted"/>: every tier was paged and nobody answered.</summary>
public sealed class EscalationExhaustedHandler(TierPager pager) : IEngineJobHandler
{
    public Task<string> RunAsync(EngineJob job, CancellationToken ct) => pager.ExhaustAsync(job, ct);
}
