using System.Collections.Concurrent;
using Lifeline.Notifications.Delivery;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// One delivery through a channel's sender: at most <see cref="DispatchOptions.ConcurrencyFor"/>
/// at once per channel (a slow provider holds up only its own channel), and a temporary failure or
/// an exception retried a few times in process with Polly's exponential backoff and jitter before
/// the dispatcher gives the notification back to the outbox for a later pass.
/// </summary>
public sealed class DeliveryAttempts
{
    private readonly ResiliencePipeline<SendOutcome> _pipeline;
    private readonly ConcurrentDictionary<NotificationChannel, SemaphoreSlim> _slots = new();
    private readonly DispatchOptions _options;

    public DeliveryAttempts(IOptions<DispatchOptions> options, TimeProvider time)
    {
        _options = options.Value;
        var builder = new ResiliencePipelineBuilder<SendOutcome> { TimeProvider = time };
        if (options.Value.QuickRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SendOutcome>
            {
                ShouldHandle = new PredicateBuilder<SendOutcome>()
                    .HandleResult(o => o.Result == SendResult.TemporaryFailure)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutException>()
                    .Handle<TaskCanceledException>(),
                MaxRetryAttempts = options.Value.QuickRetries,
                Delay = options.Value.QuickRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromSeconds(10),
            });
        }
        _pipeline = builder.Build();
    }

    public async Task<SendOutcome> SendAsync(INotificationSender sender, OutgoingMessage message, CancellationToken ct)
    {
        var slot = _slots.GetOrAdd(sender.Channel, channel => new SemaphoreSlim(_options.ConcurrencyFor(channel), _options.ConcurrencyFor(channel)));
        await slot.WaitAsync(ct);
        try
        {
            return await _pipeline.ExecuteAsync(async token => await sender.SendAsync(message, token), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            return SendOutcome.Temporary($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            slot.Release();
        }
    }
}
