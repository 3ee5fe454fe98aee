using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Shifts;

/// <summary>
/// The organisation's one shift calendar: reading it, asking which shift it is, and replacing it, for the API and
/// the console alike. A replacement takes its actor and is audited under the actor's name (the audit interceptor
/// reads the actor of the unit of work, which <see cref="CurrentActor.Use"/> sets). The engine and start-up, which
/// work inside units of work of their own, use the static <see cref="CurrentAsync"/> and <see cref="EnsureAsync"/>.
/// </summary>
public sealed class ShiftCalendars(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    /// <summary>
    /// The one calendar (start-up makes sure it exists). Never saves: the engine asks from inside
    /// other units of work, which must commit only their own changes.
    /// </summary>
    public static async Task<ShiftCalendar> CurrentAsync(LifelineDbContext db, CancellationToken ct) =>
        await db.ShiftCalendars.OrderBy(c => c.Id).FirstOrDefaultAsync(ct) ?? ShiftCalendar.Default("UTC");

    /// <summary>Creates the default calendar (Mon-Fri 08:00-17:00 UTC) in a database that has none.</summary>
    public static async Task EnsureAsync(LifelineDbContext db, CancellationToken ct)
    {
        if (!await db.ShiftCalendars.AnyAsync(ct))
        {
            db.ShiftCalendars.Add(ShiftCalendar.Default("UTC"));
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<ShiftCalendarView> GetAsync(CancellationToken ct) => View(await CurrentAsync(db, ct));

    /// <summary>Which shift it is now, and why.</summary>
    public async Task<ShiftNowView> NowAsync(CancellationToken ct)
    {
        var shift = (await CurrentAsync(db, ct)).At(time.GetUtcNow());
        return new ShiftNowView(shift.Shift, shift.Reason, shift.LocalTime, shift.TimeZone);
    }

    /// <summary>Replaces business hours, time zone and holidays; creates the calendar if the database has none yet.</summary>
    public async Task<Outcome<ShiftCalendarView>> ReplaceAsync(Actor actor, ShiftCalendarRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the shift calendar") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var v = new Validator();
        if (!ContactValueRules.IsTimeZone(request.TimeZone))
        {
            v.Add("timeZone", $"'{request.TimeZone}' is not an IANA time zone id such as America/New_York.");
        }
        var hours = request.Hours ?? [];
        for (var i = 0; i < hours.Count; i++)
        {
            if (hours[i] is null)
            {
                v.Add($"hours[{i}]", "Each entry needs a day and a start before its end.");
            }
            else if (!Enum.IsDefined(hours[i].Day))
            {
                v.Add($"hours[{i}].day", "day is a weekday, Monday to Sunday.");
            }
            else if (hours[i].End <= hours[i].Start)
            {
                v.Add($"hours[{i}].end", $"The end ({BusinessHours.EndText(hours[i].End)}) must come after the start ({hours[i].Start:HH:mm}); write 24:00 for midnight at the end of the day.");
            }
        }
        foreach (var day in hours.Where(h => h is not null).GroupBy(h => h.Day))
        {
            var ordered = day.OrderBy(h => h.Start).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(pair => pair.Second.Start < pair.First.End))
            {
                v.Add("hours", $"The hours for {day.Key} overlap.");
            }
        }
        var holidays = request.Holidays ?? [];
        if (holidays.Any(h => h is null || string.IsNullOrWhiteSpace(h.Name) || h.Name.Length > 100))
        {
            v.Add("holidays", "Each holiday needs a date and a name of at most 100 characters.");
        }
        else if (holidays.GroupBy(h => h.Date).Any(g => g.Count() > 1))
        {
            v.Add("holidays", "A date is listed twice.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var calendar = await db.ShiftCalendars.OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (calendar is null)
        {
            calendar = ShiftCalendar.Default("UTC");
            db.ShiftCalendars.Add(calendar);
        }
        calendar.Update(request.TimeZone!, hours, holidays);
        await db.SaveChangesAsync(ct);
        return View(calendar);
    }

    private static ShiftCalendarView View(ShiftCalendar calendar) => new(calendar.TimeZone, calendar.Hours, calendar.Holidays);
}
