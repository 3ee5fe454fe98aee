using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Shifts;

public sealed record Holiday(DateOnly Date, string Name);

/// <summary>Which shift it is at an instant, why, and the calendar's local time then.</summary>
public sealed record ShiftAt(ShiftKind Shift, string Reason, DateTimeOffset LocalTime, string TimeZone);

/// <summary>
/// The organisation's shift calendar: business hours per weekday in an IANA time zone, and
/// holidays, which count as off shift all day. There is one; the engine asks it what the shift is.
/// </summary>
public sealed class ShiftCalendar : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string TimeZone { get; private set; } = "UTC";
    public IReadOnlyList<BusinessHours> Hours { get; private set; } = [];
    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    private ShiftCalendar() { }

    public ShiftCalendar(string timeZone, IReadOnlyList<BusinessHours> hours, IReadOnlyList<Holiday> holidays) => Update(timeZone, hours, holidays);

    public void Update(string timeZone, IReadOnlyList<BusinessHours> hours, IReadOnlyList<Holiday> holidays)
    {
        TimeZone = timeZone;
        Hours = [.. hours.OrderBy(h => h.Day).ThenBy(h => h.Start)];
        Holidays = [.. holidays.OrderBy(h => h.Date)];
    }

    public ShiftAt At(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (Holidays.FirstOrDefault(h => h.Date == date) is { } holiday)
        {
            return new ShiftAt(ShiftKind.Off, $"holiday: {holiday.Name}", local, TimeZone);
        }
        // The weekday and time of day are the zone's, so a day that runs to 24:00 lasts from its midnight to the next,
        // 23 or 25 hours when the clocks change that day.
        var time = TimeOnly.FromDateTime(local.DateTime);
        var open = Hours.FirstOrDefault(h => h.Day == local.DayOfWeek && h.Contains(time));
        return open switch
        {
            null => new ShiftAt(ShiftKind.Off, $"outside business hours ({local.DayOfWeek} {time:HH:mm} {TimeZone})", local, TimeZone),
            { IsAroundTheClock: true } => new ShiftAt(ShiftKind.Day, $"business hours around the clock ({open.Day} {TimeZone})", local, TimeZone),
            _ => new ShiftAt(ShiftKind.Day, $"business hours ({open.Day} {open.Text} {TimeZone})", local, TimeZone),
        };
    }

    /// <summary>Mon-Fri 08:00-17:00 in the given zone, no holidays: what a new installation starts with.</summary>
    public static ShiftCalendar Default(string timeZone) =>
        new(timeZone, [.. Enumerable.Range(1, 5).Select(d => new BusinessHours((DayOfWeek)d, new TimeOnly(8, 0), new TimeOnly(17, 0)))], []);
}

internal sealed class ShiftCalendarConfiguration : IEntityTypeConfiguration<ShiftCalendar>
{
    public void Configure(EntityTypeBuilder<ShiftCalendar> builder)
    {
        builder.ToTable("ShiftCalendars");
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Hours).HasJsonConversion();
        builder.Property(c => c.Holidays).HasJsonConversion();
    }
}
