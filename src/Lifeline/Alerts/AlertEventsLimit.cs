using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lifeline.Alerts;

/// <summary>
/// How many events are worked on at once; more wait in a queue, and past that the sender gets 429 with Retry-After
/// (answered in PagerDuty's shape on <c>/v2/enqueue</c>), which every PagerDuty sender retries. A storm then holds a
/// bounded number of database connections, and the engine and people keep theirs.
/// </summary>
public sealed class AlertEventsLimit(IOptions<AlertOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "alert-events";

    private readonly ConcurrencyLimiterOptions _limiter = new()
    {
        PermitLimit = options.Value.ConcurrentEvents,
        QueueLimit = options.Value.QueuedEvents,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetConcurrencyLimiter(Policy, _ => _limiter);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (context.HttpContext.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            await response.WriteAsJsonAsync(new PagerDutyEventsApi.Rejection("throttle event", "Requests for this service are arriving too quickly. Please retry later.",
                ["Too many events at once; retry after the Retry-After header's seconds."]), ct);
            return;
        }
        await Results.Problem(detail: "Too many events at once; retry after the Retry-After header's seconds.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context.HttpContext);
    };
}
