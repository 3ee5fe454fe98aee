using Lifeline.Shifts;

namespace Lifeline.Console.Shifts;

/// <summary>
/// What the calendar editor's fields hold: the zone, each weekday as closed, hours or around the clock, and the
/// holidays. Turned into the API's <see cref="ShiftCalendarRequest"/>, so <see cref="ShiftCalendars"/> alone judges it;
/// each range remembers its place in the request, so a message about <c>hours[3].end</c> is shown beside that range.
/// </summary>
public sealed class CalendarForm
{
    /// <summary>Monday first, as a working week is read.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string TimeZone { get; set; } = "UTC";
    public List<DayForm> Days { get; set; } = [];
    public List<HolidayForm> Holidays { get; set; } = [];

    public static CalendarForm Of(ShiftCalendarView calendar) => new()
    {
        TimeZone = calendar.TimeZone,
        Days = [.. Week.Select(day => DayForm.Of(day, [.. calendar.Hours.Where(h => h.Day == day)]))],
        Holidays = [.. calendar.Holidays.Select(h => new HolidayForm { Date = h.Date, Name = h.Name })],
    };

    public ShiftCalendarRequest Request()
    {
        var hours = new List<BusinessHours>();
        foreach (var day in Days)
        {
            switch (day.Mode)
            {
                case DayMode.AroundTheClock:
                    hours.Add(BusinessHours.AroundTheClock(day.Day));
                    break;
                case DayMode.Hours:
                    foreach (var range in day.Ranges)
                    {
                        range.RequestIndex = hours.Count;
                        // A time field cannot say 24:00; an end of 00:00 after a later start can only mean midnight at the end of the day.
                        hours.Add(new BusinessHours(day.Day, range.Start, range.End == TimeOnly.MinValue ? BusinessHours.EndOfDay : range.End));
                    }
                    break;
                case DayMode.Closed:
                default:
                    break;
            }
        }
        return new ShiftCalendarRequest(TimeZone.Trim(), hours, [.. Holidays.Select(h => new Holiday(h.Date, h.Name.Trim()))]);
    }
}

public enum DayMode
{
    Closed,
    Hours,
    AroundTheClock,
}
