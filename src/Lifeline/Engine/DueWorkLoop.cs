namespace Lifeline.Engine;

/// <summary>
/// The loop shared by the escalation engine and the notification dispatcher: a pass, then sleep
/// until the next item is due, the signal is poked, or the poll interval passes (work committed by
/// another instance). It holds no state: the work waits in the database, so a failed pass (the
/// database is down) is simply tried again.
/// </summary>
public static class DueWorkLoop
{
    public static async Task RunAsync(Func<CancellationToken, Task> runPass, Func<CancellationToken, Task<DateTimeOffset?>> nextDue,
        WakeSignal signal, TimeProvider time, TimeSpan pollInterval, ILogger logger, string what, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = pollInterval;
            try
            {
                await runPass(stoppingToken);
                if (await nextDue(stoppingToken) is { } next)
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
                logger.LogError(e, "{What} pass failed; trying again in {Delay}", what, pollInterval);
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
