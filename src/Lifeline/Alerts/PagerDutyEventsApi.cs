using System.Text.Json;
using System.Text.Json.Serialization;
using Lifeline.Server;

namespace Lifeline.Alerts;

/// <summary>
/// PagerDuty's Events API v2 at the same path (<c>/v2/enqueue</c>), answered as PagerDuty documents it, so anything
/// that sends Events API v2 to PagerDuty (Alertmanager's pagerduty_configs, Grafana's contact point, Zabbix's media type)
/// sends to Lifeline by changing one URL. The routing key is the credential, so the route is open to anonymous callers.
/// </summary>
public static class PagerDutyEventsApi
{
    /// <summary>PagerDuty's own limit for one event.</summary>
    public const long BodyLimit = 512 * 1024;

    public sealed record Answer(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("dedup_key")] string DedupKey);

    public sealed record Rejection(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);

    public static IEndpointRouteBuilder MapPagerDutyEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/enqueue", Enqueue).AllowAnonymous().RequireRateLimiting(AlertEventsLimit.Policy).WithBodyLimit(BodyLimit)
            .WithTags("Alerts").WithSummary("PagerDuty Events API v2: trigger, acknowledge or resolve an alert (routing_key is an integration key)")
            .Accepts<JsonElement>("application/json")
            .Produces<Answer>(StatusCodes.Status202Accepted).Produces<Rejection>(StatusCodes.Status400BadRequest).Produces<Rejection>(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> Enqueue(HttpRequest request, IntegrationKeyCache keys, AlertGroupCommit commits, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException)
        {
            return Invalid(["The body is not valid JSON."]);
        }
        using (document)
        {
            var parsed = PagerDutyEvent.Parse(document.RootElement);
            if (parsed.Errors.Count > 0)
            {
                return Invalid(parsed.Errors);
            }
            if (await keys.RecogniseAsync(parsed.RoutingKey, ct) is not { } key || await commits.SubmitAsync(key, parsed.Event!, ct) is not { } accepted)
            {
                return Invalid([InactiveKey]);
            }
            return TypedResults.Json(new Answer("success", "Event processed", accepted.DedupKey), statusCode: StatusCodes.Status202Accepted);
        }
    }

    private const string InactiveKey = "'routing_key' is not an active integration key: unknown, revoked or expired.";

    public static IResult Invalid(IReadOnlyList<string> errors) =>
        TypedResults.Json(new Rejection("invalid event", "Event object is invalid", errors), statusCode: StatusCodes.Status400BadRequest);
}
