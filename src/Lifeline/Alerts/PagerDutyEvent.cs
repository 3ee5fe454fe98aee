using System.Globalization;
using System.Text.Json;

namespace Lifeline.Alerts;

/// <summary>
/// Reads a PagerDuty Events API v2 event (<c>POST /v2/enqueue</c>) field by field, so a field of the wrong type is
/// named in the answer like a missing one, instead of failing the whole body.
/// </summary>
public static class PagerDutyEvent
{
    public sealed record Parsed(string? RoutingKey, AlertEvent? Event, IReadOnlyList<string> Errors);

    public static Parsed Parse(JsonElement root)
    {
        var errors = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new Parsed(null, null, ["The event must be a JSON object."]);
        }
        var routingKey = String(root, "routing_key", errors);
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            errors.Add("'routing_key' is missing or blank.");
        }
        var actionText = String(root, "event_action", errors);
        AlertAction? action = actionText switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => null,
        };
        if (action is null)
        {
            errors.Add("'event_action' is one of trigger, acknowledge, resolve.");
        }
        var dedupKey = String(root, "dedup_key", errors);

        string? summary = null, source = null, severity = null, component = null, group = null, @class = null, details = null;
        DateTimeOffset? detectedAt = null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("payload", out var payload) && payload.ValueKind != JsonValueKind.Null)
        {
            if (payload.ValueKind != JsonValueKind.Object)
            {
                errors.Add("'payload' must be an object.");
            }
            else
            {
                summary = String(payload, "summary", errors, "payload.");
                source = String(payload, "source", errors, "payload.");
                severity = String(payload, "severity", errors, "payload.");
                component = String(payload, "component", errors, "payload.");
                group = String(payload, "group", errors, "payload.");
                @class = String(payload, "class", errors, "payload.");
                if (String(payload, "timestamp", errors, "payload.") is { } timestamp)
                {
                    if (DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                        || DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
                        || DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
                        || TryParseCompactOffset(timestamp, out at))
                    {
                        detectedAt = at.ToUniversalTime();
                    }
                    else
                    {
                        errors.Add("'payload.timestamp' must be an ISO 8601 date and time.");
                    }
                }
                if (payload.TryGetProperty("custom_details", out var custom) && custom.ValueKind != JsonValueKind.Null)
                {
                    details = custom.GetRawText();
                }
            }
        }
        else if (action == AlertAction.Trigger)
        {
            errors.Add("'payload' is missing: a trigger needs payload.summary, payload.source and payload.severity.");
        }
        foreach (var (name, value) in new[] { ("component", component), ("group", group), ("class", @class) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                labels[name] = value.Trim();
            }
        }
        var links = Array(root, "links", errors, (item, i) =>
            new AlertLink(String(item, "href", errors, $"links[{i}].") ?? "", String(item, "text", errors, $"links[{i}].")));
        var images = Array(root, "images", errors, (item, i) =>
            new AlertImage(String(item, "src", errors, $"images[{i}].") ?? "", String(item, "href", errors, $"images[{i}]."), String(item, "alt", errors, $"images[{i}].")));
        // Lifeline has no client fields of its own; PagerDuty shows client_url as a "View in <client>" link, so it is kept as
        // a link. Grafana and Zabbix always send it (Grafana's is its root URL, Zabbix's the {$ZABBIX.URL} macro, literally
        // so while the macro is unset): one that is not a web address is left out rather than refusing the page.
        var client = String(root, "client", errors);
        if (String(root, "client_url", errors) is { } clientUrl && AlertEventRules.IsWebAddress(clientUrl, httpsOnly: false)
            && links.Count < AlertEventRules.MaxLinks && links.All(l => l.Href != clientUrl))
        {
            links.Add(new AlertLink(clientUrl, string.IsNullOrWhiteSpace(client) ? "Monitoring tool" : $"View in {client.Trim()}"));
        }

        if (action is not { } known)
        {
            return new Parsed(routingKey, null, errors);
        }
        var e = new AlertEvent(known, dedupKey, summary, source, severity, detectedAt, component, group, @class, labels, details, links, images, "events-v2");
        foreach (var (_, messages) in AlertEventRules.Validate(e, Name))
        {
            errors.AddRange(messages);
        }
        return new Parsed(routingKey, e, errors);
    }

    /// <summary>The Events API v2's name for a field of <see cref="AlertEventRules"/>.</summary>
    private static string Name(string field) => field switch
    {
        "summary" or "source" or "severity" or "component" or "group" or "class" or "custom_details" => "payload." + field,
        _ => field,
    };

    // PagerDuty's own example writes the offset without a colon (2015-07-17T08:42:58.315+0000).
    private static bool TryParseCompactOffset(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzzz", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
        || (text.Length > 5 && (text[^5] is '+' or '-') && DateTimeOffset.TryParse(text[..^2] + ":" + text[^2..], CultureInfo.InvariantCulture, DateTimeStyles.None, out at));

    private static string? String(JsonElement element, string property, List<string> errors, string prefix = "")
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"'{prefix}{property}' must be a string.");
            return null;
        }
        return value.GetString();
    }

    private static List<T> Array<T>(JsonElement root, string property, List<string> errors, Func<JsonElement, int, T> read)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"'{property}' must be an array of objects.");
            return [];
        }
        var items = new List<T>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"'{property}[{i}]' must be an object.");
            }
            else
            {
                items.Add(read(item, i));
            }
            i++;
        }
        return items;
    }
}
