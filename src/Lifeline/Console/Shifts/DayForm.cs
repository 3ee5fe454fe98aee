using Lifeline.Shifts;

namespace Lifeline.Console.Shifts;

/// <summary>One weekday in the calendar editor: closed, some hours, or around the clock.</summary>
public sealed class DayForm
{
    public DayOfWeek Day { get; init; }
    public DayMode Mode { get; set; }
    public List<RangeForm> Ranges { get; set; } = [];

    public static DayForm Of(DayOfWeek day, IReadOnlyList<BusinessHours> hours) => new()
    {
        Day = day,
        Mode = hours.Count == 0 ? DayMode.Closed : hours is [{ IsAroundTheClock: true }] ? DayMode.AroundTheClock : DayMode.Hours,
        Ranges = hours.Count == 0 || hours is [{ IsAroundTheClock: true }]
            ? [new RangeForm()]
            : [.. hours.Select(h => new RangeForm { Start = h.Start, End = h.End == BusinessHours.EndOfDay ? TimeOnly.MinValue : h.End })],
    };
}

/// <summary>Hours from-to on a weekday; an end of 00:00 is midnight at the end of the day.</summary>
public sealed class RangeForm
{
    public TimeOnly Start { get; set; } = new(8, 0);
    public TimeOnly End { get; set; } = new(17, 0);
    /// <summary>Where the range went in the last request: the index of the API's <c>hours[i]</c> messages.</summary>
    public int? RequestIndex { get; set; }
}

/// <summary>A holiday in the editor.</summary>
public sealed class HolidayForm
{
    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
}
