using Microsoft.Extensions.Options;

namespace Lifeline.Engine;

/// <summary>
/// The engine loop: a pass, then sleep until the next job is due, new work is committed here, or
/// the poll interval passes (new work committed by another instance). It holds no state of its own.
/// </summary>
public sealed class EngineLoop(EnginePass pass, EngineSignal signal, TimeProvider time, IOptions<EngineOptions> options, ILogger<EngineLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            logger.LogInformation("The engine does not run in this instance (Lifeline:Engine:RunInBackground=false)");
            return;
        }
        await DueWorkLoop.RunAsync(pass.RunOnceAsync, pass.NextDueAsync, signal, time, options.Value.PollInterval, logger, "Engine", stoppingToken);
    }
}
