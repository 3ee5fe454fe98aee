using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Shifts;

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

    private static async Task<Ok<ShiftCalendarView>> Get(ShiftCalendars calendars, CancellationToken ct) => TypedResults.Ok(await calendars.GetAsync(ct));

    private static async Task<Results<Ok<ShiftCalendarView>, ValidationProblem, ProblemHttpResult>> Update(
        ShiftCalendarRequest request, Actor actor, ShiftCalendars calendars, CancellationToken ct) =>
        await calendars.ReplaceAsync(actor, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ShiftCalendarView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Ok<ShiftNowView>> Now(ShiftCalendars calendars, CancellationToken ct) => TypedResults.Ok(await calendars.NowAsync(ct));
}
