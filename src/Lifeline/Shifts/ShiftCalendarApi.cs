using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Shifts;

public static class ShiftCalendarApi
{
    public static RouteGroupBuilder MapShiftCalendarApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/shift-calendar").WithTags("Shift calendar");
        group.MapGet("/", Get).WithSummary("Business hours per weekday, time zone and holidays")
            .WithDescription("An `end` of \"24:00:00\" runs to midnight; `00:00:00`-`24:00:00` is a day around the clock.");
        group.MapPut("/", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Replace business hours, time zone and holidays").WithDescription("Times are HH:mm in the calendar's IANA time zone; the start is inclusive, the end exclusive. An end of \"24:00\" runs to "
                + "midnight, so `{ \"day\": \"Saturday\", \"start\": \"00:00\", \"end\": \"24:00\" }` is Saturday around the clock (Day shift from midnight to "
                + "midnight in the zone, 23 or 25 hours when the clocks change); it is written back as \"24:00:00\", and the older \"23:59:59.9999999\" "
                + "means the same. A weekday without an entry has no business hours. Holidays are off shift all day.");
        group.MapGet("/now", Now).WithSummary("Which shift it is now (Day or Off) and why");
        return api;
    }

    private static async Task<Ok<ShiftCalendarView>> Get(ShiftCalendars calendars, CancellationToken ct) => TypedResults.Ok(await calendars.GetAsync(ct));

    private static async Task<Results<Ok<ShiftCalendarView>, ValidationProblem, ProblemHttpResult>> Update(
        ShiftCalendarRequest request, Actor actor, ShiftCalendars calendars, CancellationToken ct) =>
        await calendars.ReplaceAsync(actor, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ShiftCalendarView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Ok<ShiftNowView>> Now(ShiftCalendars calendars, CancellationToken ct) => TypedResults.Ok(await calendars.NowAsync(ct));
}
