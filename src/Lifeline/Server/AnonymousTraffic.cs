using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Lifeline.Server;

/// <summary>
/// What anybody may send without signing in (sign-in, Twilio's webhooks, survey answers, acknowledgement links) shares
/// a small number of requests in progress at once; more wait briefly in a queue, and past that get 429. A flood of
/// anonymous requests then holds a bounded amount of memory and threads, and the engine and signed-in users keep theirs.
/// </summary>
public static class AnonymousTraffic
{
    public const string Policy = "anonymous";

    public static IServiceCollection AddAnonymousTrafficLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddConcurrencyLimiter(Policy, c =>
            {
                c.PermitLimit = 16;
                c.QueueLimit = 64;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });

    /// <summary>Marks endpoints as open to anonymous callers: their share of the concurrency limit and a small body limit.</summary>
    public static TBuilder AsAnonymousEntry<TBuilder>(this TBuilder builder, long bodyLimit) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Policy).WithBodyLimit(bodyLimit);
}
