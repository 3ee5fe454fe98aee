using Lifeline.Engine;

namespace Lifeline.ServiceLevels;

/// <summary>The engine's handler for <see cref="ServiceLevelJobKinds.UpdateDue"/>: remind the incident manager when no status update came.</summary>
public sealed class UpdateDueHandler(ServiceLevelMonitor monitor) : IEngineJobHandler
{
    public Task<string> RunAsync(EngineJob job, CancellationToken ct) => monitor.CheckUpdateAsync(job, ct);
}
