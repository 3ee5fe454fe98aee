using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Lifeline.Drills;

/// <summary>
/// When a drill schedule's next drill is: RFC 5545 recurrence rules evaluated by Ical.Net (the library the calendar feeds
/// already use), from the first drill's wall-clock time in its IANA zone.
/// </summary>
public static class DrillRecurrence
{
    /// <summary>The rule's parse error in words, or null when Ical.Net understands it and it recurs.</summary>
    public static string? Check(string rule)
    {
        try
        {
            var pattern = new RecurrencePattern(rule.Trim());
            return pattern.Frequency is Ical.Net.FrequencyType.Secondly or Ical.Net.FrequencyType.Minutely
                ? "recurrence must repeat hourly or less often, e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU."
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return $"recurrence is not an iCalendar RRULE (e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU): {e.Message}";
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when the rule has ended (COUNT, UNTIL).</summary>
    public static DateTimeOffset? Next(string rule, DateTime firstLocal, string timeZone, DateTimeOffset after)
    {
        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(firstLocal, timeZone), RecurrenceRule = new RecurrencePattern(rule.Trim()) };
        var from = new CalDateTime(after.UtcDateTime.AddSeconds(1), "UTC");
        foreach (var occurrence in calendarEvent.GetOccurrences(from))
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc));
            if (at > after)
            {
                return at;
            }
        }
        return null;
    }
}
