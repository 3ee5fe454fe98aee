using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// When a notification that failed for now is tried again by a later pass: capped exponential
/// backoff with full jitter over the upper half, so many notifications failing together (a
/// provider outage) do not come back in one burst. The quick retries inside a pass are Polly's
/// (<see cref="DeliveryAttempts"/>); this spaces the passes, whose state is the row's due time.
/// </summary>
public sealed class RetrySchedule(IOptions<DispatchOptions> options)
{
    public TimeSpan DelayAfter(int attempts, double random)
    {
        var o = options.Value;
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(o.RetryMaxDelay.TotalMilliseconds, o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random);
    }

    public TimeSpan DelayAfter(int attempts) => DelayAfter(attempts, Random.Shared.NextDouble());
}
