using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Shifts;

public sealed record ShiftCalendarView(string TimeZone, IReadOnlyList<BusinessHours> Hours, IReadOnlyList<Holiday> Holidays);
public sealed record ShiftCalendarRequest(string? TimeZone, IReadOnlyList<BusinessHours>? Hours, IReadOnlyList<Holiday>? Holidays);
public sealed record ShiftNowView(ShiftKind Shift, string Reason, DateTimeOffset LocalTime, string TimeZone);

public static class ShiftCalendarApi
{
    public static RouteGroupBuilder MapShiftCalendarApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/shift-calendar").WithTags("Shift calendar");
        group.MapGet("/", Get).WithSummary("Business hours per weekday, time zone and holidays");
        group.MapPut("/", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Replace business hours, time zone and holidays").WithDescription("Times are hh:mm in the calendar's IANA time zone; holidays are off shift all day.");
        group.MapGet("/now", Now).WithSummary("Which shift it is now (Day or Off) and why");
        return api;
    }

    private static async Task<Ok<ShiftCalendarView>> Get(LifelineDbContext db, CancellationToken ct)
    {
        var calendar = await ShiftCalendars.CurrentAsync(db, ct);
        return TypedResults.Ok(new ShiftCalendarView(calendar.TimeZone, calendar.Hours, calendar.Holidays));
    }

    private static async Task<Results<Ok<ShiftCalendarView>, ValidationProblem>> Update(ShiftCalendarRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var v = new Validator();
        if (!ContactValueRules.IsTimeZone(request.TimeZone))
        {
            v.Add("timeZone", $"'{request.TimeZone}' is not an IANA time zone id such as America/New_York.");
        }
        var hours = request.Hours ?? [];
        for (var i = 0; i < hours.Count; i++)
        {
            if (hours[i] is null || !Enum.IsDefined(hours[i].Day) || hours[i].End <= hours[i].Start)
            {
                v.Add($"hours[{i}]", "Each entry needs a day and a start before its end.");
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
            return Problems.Invalid(v.Errors);
        }
        var calendar = await db.ShiftCalendars.OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (calendar is null)
        {
            calendar = ShiftCalendar.Default("UTC");
            db.ShiftCalendars.Add(calendar);
        }
        calendar.Update(request.TimeZone!, hours, holidays);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ShiftCalendarView(calendar.TimeZone, calendar.Hours, calendar.Holidays));
    }

    private static async Task<Ok<ShiftNowView>> Now(LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var shift = (await ShiftCalendars.CurrentAsync(db, ct)).At(time.GetUtcNow());
        return TypedResults.Ok(new ShiftNowView(shift.Shift, shift.Reason, shift.LocalTime, shift.TimeZone));
    }
}
