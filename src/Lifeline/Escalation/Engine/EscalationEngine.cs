using Microsoft.Extensions.Options;

namespace Lifeline.Escalation.Engine;

/// <summary>
/// The engine loop: a pass, then sleep until the next job is due, new work is committed here, or
/// the poll interval passes (new work committed by another instance). It holds no state of its own.
/// </summary>
public sealed class EscalationEngine(EnginePass pass, EngineSignal signal, TimeProvider time, IOptions<EngineOptions> options, ILogger<EscalationEngine> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            logger.LogInformation("The escalation engine does not run in this instance (Lifeline:Engine:RunInBackground=false)");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = options.Value.PollInterval;
            try
            {
                await pass.RunOnceAsync(stoppingToken);
                if (await pass.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    sleep = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue < sleep ? untilDue : sleep;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down: keep trying; nothing is lost, the work waits in the database.
                logger.LogError(e, "Engine pass failed; trying again in {Delay}", options.Value.PollInterval);
            }
            try
            {
                await signal.WaitAsync(sleep, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
