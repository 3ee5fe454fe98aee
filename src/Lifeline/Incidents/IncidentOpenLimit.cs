using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lifeline.Incidents;

/// <summary>
/// How many incidents are opened through the API at once (<see cref="IncidentOptions.ConcurrentOpens"/>); more wait in a
/// queue, oldest first, and past it the caller gets 429 with Retry-After. Every request's database round trips share
/// the processor's queue with the engine's: 32 callers opening incidents as fast as they could had 32 flows of work
/// against the engine's 4, and on PostgreSQL tier 2 of the incidents opened first fired up to 18 s late while the others
/// were still being opened. A caller waiting here costs nothing, so the engine keeps its share and pages on time. A
/// person opens an incident now and then and never waits; monitoring opens incidents through the group commit of alert
/// events, one writer at a time, and is not limited here.
/// </summary>
public sealed class IncidentOpenLimit(IOptions<IncidentOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "incident-opens";

    private readonly ConcurrencyLimiterOptions _limiter = new()
    {
        PermitLimit = options.Value.ConcurrentOpens,
        QueueLimit = options.Value.QueuedOpens,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetConcurrencyLimiter(Policy, _ => _limiter);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "1";
        await Results.Problem(detail: "Too many incidents are being opened at once; retry after the Retry-After header's seconds.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
    };
}
