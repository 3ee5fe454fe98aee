namespace Lifeline.Alerts;

/// <summary>
/// What an event must look like, whichever door it came through; the limits are PagerDuty's Events API v2's where it
/// documents them (summary 1,024, dedup key 255), so an event PagerDuty accepts is accepted here. Field names are the
/// door's own (<c>payload.summary</c> for Events API v2, <c>summary</c> natively), so the answer names what was sent.
/// </summary>
public static class AlertEventRules
{
    public const int MaxDedupKey = 255;
    public const int MaxSummary = 1024;
    public const int MaxField = 255;
    public const int MaxLinks = 20;
    public const int MaxLabels = 64;
    public const int MaxUrl = 2048;
    public const int MaxDetails = 64 * 1024;

    public static readonly IReadOnlyList<string> Severities = ["critical", "error", "warning", "info"];

    /// <summary>Field errors, by the door's field names; empty when the event is valid.</summary>
    public static Dictionary<string, List<string>> Validate(AlertEvent e, Func<string, string> name)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            var n = name(field);
            if (!errors.TryGetValue(n, out var list))
            {
                errors[n] = list = [];
            }
            list.Add(message.Replace("{field}", $"'{n}'", StringComparison.Ordinal));
        }
        void Text(string field, string? value, int max, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Add(field, "{field} is missing or blank.");
                }
                return;
            }
            // Counted in Unicode code points, as Grafana (which cuts a summary to 1,024 runes before sending it) and PostgreSQL's
            // varchar count them: in UTF-16 units, an emoji counts twice, and a summary cut to the limit would be refused.
            if (value.Length > max && value.EnumerateRunes().Count() > max)
            {
                Add(field, $"{{field}} is longer than {max} characters.");
            }
        }

        Text("dedup_key", e.DedupKey, MaxDedupKey, required: e.Action != AlertAction.Trigger);
        if (e.Action != AlertAction.Trigger)
        {
            return errors;
        }
        Text("summary", e.Summary, MaxSummary, required: true);
        Text("source", e.Source, MaxField, required: true);
        if (string.IsNullOrWhiteSpace(e.Severity))
        {
            Add("severity", "{field} is missing or blank.");
        }
        else if (!Severities.Contains(e.Severity))
        {
            Add("severity", $"{{field}} is one of {string.Join(", ", Severities)}.");
        }
        Text("component", e.Component, MaxField, required: false);
        Text("group", e.Group, MaxField, required: false);
        Text("class", e.Class, MaxField, required: false);
        if (e.Details is { Length: > MaxDetails })
        {
            Add("custom_details", $"{{field}} is larger than {MaxDetails} characters of JSON.");
        }
        if (e.Labels.Count > MaxLabels)
        {
            Add("labels", $"{{field}} has more than {MaxLabels} entries.");
        }
        foreach (var (label, value) in e.Labels)
        {
            if (label.Length is 0 or > 100 || value.Length > MaxField)
            {
                Add("labels", $"{{field}}: label names are 1 to 100 characters and values at most {MaxField}.");
                break;
            }
        }
        if (e.Links.Count > MaxLinks)
        {
            Add("links", $"{{field}} has more than {MaxLinks} links.");
        }
        for (var i = 0; i < e.Links.Count; i++)
        {
            if (!IsWebAddress(e.Links[i].Href, httpsOnly: false))
            {
                Add($"links[{i}].href", "{field} must be an absolute http or https URL.");
            }
            Text($"links[{i}].text", e.Links[i].Text, MaxSummary, required: false);
        }
        if (e.Images.Count > MaxLinks)
        {
            Add("images", $"{{field}} has more than {MaxLinks} images.");
        }
        for (var i = 0; i < e.Images.Count; i++)
        {
            if (!IsWebAddress(e.Images[i].Src, httpsOnly: true))
            {
                Add($"images[{i}].src", "{field} must be an absolute https URL.");
            }
            if (e.Images[i].Href is { } href && !IsWebAddress(href, httpsOnly: false))
            {
                Add($"images[{i}].href", "{field} must be an absolute http or https URL.");
            }
            Text($"images[{i}].alt", e.Images[i].Alt, MaxSummary, required: false);
        }
        return errors;
    }

    internal static bool IsWebAddress(string? value, bool httpsOnly) =>
        value is { Length: > 0 and <= MaxUrl } && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp));
}
