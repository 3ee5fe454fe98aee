using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Alerts;

/// <summary>
/// Lifeline's own event shape: the same events as <c>/v2/enqueue</c>, in camelCase, answered with problem details that
/// name each bad field. The integration key (not an API token) is the credential, in the X-Integration-Key header.
/// </summary>
public static class AlertEventsApi
{
    public const string KeyHeader = "X-Integration-Key";

    public static RouteGroupBuilder MapAlertEventsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/alerts/events", Post).AllowAnonymous().RequireRateLimiting(AlertEventsLimit.Policy).WithBodyLimit(PagerDutyEventsApi.BodyLimit)
            .WithTags("Alerts").WithSummary("Trigger, acknowledge or resolve an alert (integration key in X-Integration-Key)")
            .WithDescription("action is trigger, acknowledge or resolve. A trigger with the dedupKey of an open alert counts on it (count, last seen, latest "
                + "details) instead of opening another; acknowledge and resolve need the dedupKey, and are accepted and dropped when no alert with it is open. "
                + "severity is critical, error, warning or info. 401 without an active integration key.");
        return api;
    }

    private static async Task<Results<Accepted<AlertEventAccepted>, ValidationProblem, ProblemHttpResult>> Post(
        [FromHeader(Name = KeyHeader)] string? integrationKey, NativeAlertEvent body, IntegrationKeyCache keys, AlertGroupCommit commits, CancellationToken ct)
    {
        if (await keys.RecogniseAsync(integrationKey, ct) is not { } key)
        {
            return Unauthorized();
        }
        var (e, errors) = Read(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(x => x.Key, x => x.Value.ToArray(), StringComparer.Ordinal));
        }
        if (await commits.SubmitAsync(key, e!, ct) is not { } accepted)
        {
            return Unauthorized();
        }
        return TypedResults.Accepted(accepted.AlertId is { } id ? $"/api/v1/alerts/{id}" : (string?)null, accepted);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(detail: $"Send an active integration key in the {KeyHeader} header (unknown, revoked or expired keys are refused).",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static (AlertEvent? Event, Dictionary<string, List<string>> Errors) Read(NativeAlertEvent body)
    {
        AlertAction? action = body.Action?.Trim().ToLowerInvariant() switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => null,
        };
        if (action is not { } known)
        {
            return (null, new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["action"] = ["action is one of trigger, acknowledge, resolve."] });
        }
        var e = new AlertEvent(known, body.DedupKey, body.Summary, body.Source, body.Severity?.Trim().ToLowerInvariant(), body.Timestamp?.ToUniversalTime(),
            body.Component, body.Group, body.Class, body.Labels ?? [],
            body.Details is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } details ? details.GetRawText() : null,
            (body.Links ?? []).Select(l => new AlertLink(l.Href ?? "", l.Text)).ToList(),
            (body.Images ?? []).Select(i => new AlertImage(i.Src ?? "", i.Href, i.Alt)).ToList(), "native");
        var errors = AlertEventRules.Validate(e, field => field switch
        {
            "dedup_key" => "dedupKey",
            "custom_details" => "details",
            _ => field,
        });
        return (e, errors);
    }
}
