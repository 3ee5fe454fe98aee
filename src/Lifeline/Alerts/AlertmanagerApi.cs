using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Alerts;

/// <summary>
/// Prometheus Alertmanager's webhook receiver. Alertmanager sends the integration key with its http_config
/// (<c>authorization: { type: Bearer, credentials: KEY }</c>), or a proxy adds X-Integration-Key.
/// </summary>
public static class AlertmanagerApi
{
    public sealed record Answer(IReadOnlyList<AlertEventAccepted> Alerts);

    public static RouteGroupBuilder MapAlertmanagerApi(this RouteGroupBuilder api)
    {
        api.MapPost("/alerts/alertmanager", Post).AllowAnonymous().RequireRateLimiting(AlertEventsLimit.Policy).WithBodyLimit(BodyLimits.Default)
            .WithTags("Alerts").WithSummary("Prometheus Alertmanager webhook receiver (integration key as the bearer credential or in X-Integration-Key)")
            .WithDescription("Each alert is keyed by its fingerprint: firing triggers (or counts on) it, resolved resolves it. summary comes from the "
                + "annotations summary, description or message, else the alertname label; source from the instance, job or service label; severity "
                + "from the severity label (critical/page, error, warning, info; anything else reads as error).");
        return api;
    }

    private static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Post(HttpRequest request,
        [FromHeader(Name = AlertEventsApi.KeyHeader)] string? integrationKey, AlertmanagerWebhook body, IntegrationKeyCache keys, AlertGroupCommit commits,
        CancellationToken ct)
    {
        if (await keys.RecogniseAsync(integrationKey ?? IntegrationKeyService.FromAuthorization(request), ct) is not { } key)
        {
            return Unauthorized();
        }
        var (events, errors) = body.ToEvents();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
        // All of the notification's alerts at once: they are committed together (or with others that came meanwhile).
        var accepted = await Task.WhenAll(events.Select(e => commits.SubmitAsync(key, e, ct)));
        // Null for all or none: the events of one request share a key, revoked before their groups were written or not.
        return accepted.Any(a => a is null) ? Unauthorized() : TypedResults.Ok(new Answer(accepted.OfType<AlertEventAccepted>().ToList()));
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(detail: "Send an active integration key as the bearer credential (http_config.authorization) or in X-Integration-Key.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
