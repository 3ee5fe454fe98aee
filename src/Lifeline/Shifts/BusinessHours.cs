using System.Globalization;
using System.Text.Json.Serialization;

namespace Lifeline.Shifts;

/// <summary>
/// Business hours on a weekday, in the calendar's time zone. The start is inclusive and the end exclusive; an end of
/// <see cref="EndOfDay"/> (written "24:00" in the API and in configuration files) runs to the next midnight, so
/// 00:00-24:00 is the whole day: around the clock. A weekday with no entry has no business hours.
/// </summary>
public sealed record BusinessHours(DayOfWeek Day, TimeOnly Start, [property: JsonConverter(typeof(EndOfDayJsonConverter))] TimeOnly End)
{
    /// <summary>
    /// The end of a day that runs to midnight. <see cref="TimeOnly"/> stops short of 24:00, so its last tick stands for
    /// it; that is also the value the API took before "24:00" was understood (23:59:59.9999999), which keeps old payloads
    /// and stored calendars meaning what their authors meant.
    /// </summary>
    public static readonly TimeOnly EndOfDay = TimeOnly.MaxValue;

    /// <summary>A whole day of business hours: Day shift from midnight to midnight.</summary>
    public static BusinessHours AroundTheClock(DayOfWeek day) => new(day, TimeOnly.MinValue, EndOfDay);

    [JsonIgnore]
    public bool IsAroundTheClock => Start == TimeOnly.MinValue && End == EndOfDay;

    /// <summary>Whether a time of day on this weekday falls within the hours.</summary>
    public bool Contains(TimeOnly time) => Start <= time && (time < End || End == EndOfDay);

    /// <summary>"08:00-17:00", "00:00-24:00".</summary>
    [JsonIgnore]
    public string Text => $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{EndText(End)}";

    /// <summary>An end time as people write it: "17:00", or "24:00" for a day that runs to midnight.</summary>
    public static string EndText(TimeOnly end) => end == EndOfDay ? "24:00" : end.ToString("HH:mm", CultureInfo.InvariantCulture);
}
