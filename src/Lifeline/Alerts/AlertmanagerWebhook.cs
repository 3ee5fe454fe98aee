using System.Text.Json;

namespace Lifeline.Alerts;

/// <summary>
/// Prometheus Alertmanager's webhook JSON (version 4): a notification for one group, each alert in it with its labels,
/// annotations, <c>startsAt</c>, <c>endsAt</c> and <c>fingerprint</c>. Each alert becomes a Lifeline alert keyed by its
/// fingerprint (stable for its label set), so a firing alert triggers and its resolved notification resolves.
/// </summary>
public sealed record AlertmanagerWebhook(string? Version, string? GroupKey, string? Status, string? Receiver, Dictionary<string, string>? GroupLabels,
    Dictionary<string, string>? CommonLabels, string? ExternalURL, List<AlertmanagerAlert>? Alerts)
{
    public const int MaxAlerts = 1000;

    /// <summary>The events the notification carries, or the errors naming its bad fields (then nothing is applied).</summary>
    public (IReadOnlyList<AlertEvent> Events, Dictionary<string, List<string>> Errors) ToEvents()
    {
        var events = new List<AlertEvent>();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Alerts is null || Alerts.Count is 0 or > MaxAlerts)
        {
            errors["alerts"] = [$"alerts is required: between 1 and {MaxAlerts} alerts."];
            return (events, errors);
        }
        for (var i = 0; i < Alerts.Count; i++)
        {
            var alert = Alerts[i];
            var prefix = $"alerts[{i}].";
            AlertAction? action = alert?.Status switch
            {
                "firing" => AlertAction.Trigger,
                "resolved" => AlertAction.Resolve,
                _ => null,
            };
            if (alert is null || action is not { } known)
            {
                errors[prefix + "status"] = ["status is firing or resolved."];
                continue;
            }
            var labels = alert.Labels ?? [];
            var annotations = alert.Annotations ?? [];
            var summary = First(annotations, "summary", "description", "message")
                ?? (labels.TryGetValue("alertname", out var name) ? name : null);
            var source = First(labels, "instance", "job", "service") ?? Host(ExternalURL) ?? "alertmanager";
            var links = new List<AlertLink>();
            if (IsWebAddress(alert.GeneratorURL))
            {
                links.Add(new AlertLink(alert.GeneratorURL!, "Source (Prometheus)"));
            }
            if (IsWebAddress(ExternalURL))
            {
                links.Add(new AlertLink(ExternalURL!, "Alertmanager"));
            }
            var e = new AlertEvent(known, alert.Fingerprint, summary, source, Severity(labels), alert.StartsAt?.ToUniversalTime(),
                null, null, null, labels, annotations.Count > 0 ? JsonSerializer.Serialize(annotations) : null, links, [], "alertmanager");
            var fieldErrors = AlertEventRules.Validate(e with { Action = AlertAction.Resolve }, Name).Concat(known == AlertAction.Trigger
                ? AlertEventRules.Validate(e, Name) : []);
            foreach (var (field, messages) in fieldErrors)
            {
                if (!errors.TryGetValue(prefix + field, out var list))
                {
                    errors[prefix + field] = list = [];
                }
                list.AddRange(messages.Except(list));
            }
            events.Add(e);
        }
        return (events, errors);
    }

    private static string Name(string field) => field switch
    {
        "dedup_key" => "fingerprint",
        "summary" => "annotations.summary",
        "source" => "labels.instance",
        "severity" => "labels.severity",
        "custom_details" => "annotations",
        _ => field,
    };

    /// <summary>The alert's <c>severity</c> label in PagerDuty's terms; a label Lifeline does not know reads as error.</summary>
    private static string Severity(Dictionary<string, string> labels) =>
        labels.TryGetValue("severity", out var severity) ? severity.Trim().ToLowerInvariant() switch
        {
            "critical" or "page" or "emergency" or "fatal" => "critical",
            "warning" or "warn" => "warning",
            "info" or "informational" or "none" => "info",
            _ => "error",
        } : "error";

    private static string? First(Dictionary<string, string> values, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }
        return null;
    }

    private static bool IsWebAddress(string? value) =>
        value is { Length: > 0 and <= AlertEventRules.MaxUrl } && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Host(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}

public sealed record AlertmanagerAlert(string? Status, Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? GeneratorURL, string? Fingerprint);
