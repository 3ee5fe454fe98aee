using Lifeline.Engine;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// The dispatcher loop: a pass, then sleep until the next notification is due, one is queued here,
/// or the poll interval passes (queued by another instance). It holds no state of its own: what is
/// to be sent, retried or recovered is in the outbox.
/// </summary>
public sealed class NotificationDispatcher(DispatchPass pass, DispatchSignal signal, IServiceScopeFactory scopes, TimeProvider time,
    IOptions<DispatchOptions> options, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            logger.LogInformation("The notification dispatcher does not run in this instance (Lifeline:Dispatch:RunInBackground=false)");
            return;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var missing = Enum.GetValues<NotificationChannel>().Except(DispatchPass.Channels(scope.ServiceProvider)).ToList();
            if (missing.Count > 0)
            {
                logger.LogWarning("No sender is configured for {Channels}: those notifications wait in the outbox", string.Join(", ", missing));
            }
        }
        await DueWorkLoop.RunAsync(pass.RunOnceAsync, pass.NextDueAsync, signal, time, options.Value.PollInterval, logger, "Dispatch", stoppingToken);
    }
}
