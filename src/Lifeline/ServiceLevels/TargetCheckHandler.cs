using Lifeline.Engine;

namespace Lifeline.ServiceLevels;

/// <summary>The engine's handler for the acknowledge and resolve targets: was the target met in time?</summary>
public sealed class TargetCheckHandler(ServiceLevelMonitor monitor) : IEngineJobHandler
{
    public Task<string> RunAsync(EngineJob job, CancellationToken ct) => monitor.CheckTargetAsync(job, ct);
}
