using System.Globalization;
using Lifeline.Console.Widgets;

namespace Lifeline.Console.Admin;

/// <summary>
/// The days a log page is narrowed to, as typed in its date fields: from the start of "from" to the end of "to", in UTC
/// (the logs record instants; the page says which zone its days are).
/// </summary>
public readonly record struct LogFilterDates(DateTimeOffset? From, DateTimeOffset? To, Problem? Problem)
{
    public static LogFilterDates Parse(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Day(from, "from", errors);
        var end = Day(to, "to", errors)?.AddDays(1);
        if (start is { } s && end is { } e && e <= s)
        {
            errors["to"] = ["To is on or after From."];
        }
        return errors.Count > 0
            ? new(null, null, new Problem("Please correct the fields marked below.", errors))
            : new(start, end, null);
    }

    private static DateTimeOffset? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        errors[field] = ["A date such as 2026-11-28."];
        return null;
    }
}
