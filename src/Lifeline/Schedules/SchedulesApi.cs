using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Schedules;

public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapGet("/", List).WithSummary("List on-call schedules");
        schedules.MapGet("/{id:guid}", Get).WithSummary("A schedule: its zone, layers, future overrides and the gaps of the next 4 weeks");
        schedules.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a schedule")
            .WithDescription("Layers are rotations; a later layer wins where it has someone on call. warnings says when the next 4 weeks have gaps.");
        schedules.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a schedule");
        schedules.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a schedule no role or policy uses");
        schedules.MapGet("/{id:guid}/on-call", OnCall).WithSummary("Who is on call at an instant (now without ?at=), since and until when, and why");
        schedules.MapGet("/{id:guid}/shifts", Shifts).WithSummary("The final shifts of a period (default: 14 days from now), gaps flagged, and each layer's line");
        schedules.MapPost("/{id:guid}/overrides", AddOverride).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Replace, add or remove someone for a period").WithDescription("Overrides of one schedule may not overlap: 409 names the one in the way.");
        schedules.MapDelete("/{id:guid}/overrides/{overrideId:guid}", RemoveOverride).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove an override");
        schedules.MapPost("/{id:guid}/ical/revoke", RevokeScheduleFeed).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Revoke the schedule's iCal feed URL and issue a new one");
        schedules.MapGet("/{id:guid}/swaps", Swaps).WithSummary("Swap requests of a schedule that are not over");
        schedules.MapPost("/{id:guid}/swaps", RequestSwap).WithSummary("Ask a colleague of the schedule to take your time on call for a period")
            .WithDescription("The requester is the signed-in person (an admin may name requesterId). Nothing changes until the colleague accepts.");
        schedules.MapPost("/{id:guid}/swaps/{swapId:guid}/accept", (Guid id, Guid swapId, Actor actor, ScheduleSwaps swaps, CancellationToken ct) => Decide(id, swapId, true, actor, swaps, ct))
            .WithSummary("The colleague accepts: an override puts them in the requester's place");
        schedules.MapPost("/{id:guid}/swaps/{swapId:guid}/decline", (Guid id, Guid swapId, Actor actor, ScheduleSwaps swaps, CancellationToken ct) => Decide(id, swapId, false, actor, swaps, ct))
            .WithSummary("The colleague declines");
        api.MapGet("/people/{id:guid}/shifts", PersonShiftsOf).WithTags("Schedules")
            .WithSummary("A person's on-call shifts in every schedule (default: the next 4 weeks; at most 92 days), the person or an admin");
        var people = api.MapGroup("/people/{id:guid}/ical").WithTags("Schedules");
        people.MapGet("/", PersonFeed).WithSummary("The webcal:// URL of a person's on-call shifts in every schedule (the person or an admin)");
        people.MapPost("/revoke", RevokePersonFeed).WithSummary("Revoke a person's iCal feed URL and issue a new one (an admin)");
        return api;
    }

    /// <summary>
    /// The feeds themselves, outside the API: calendar programs subscribe without signing in, so the token is the
    /// credential, and they share the anonymous traffic limit with the other anonymous entries.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/ical").AllowAnonymous().AsAnonymousEntry(BodyLimits.Small).ExcludeFromDescription().MapGet("/{token}.ics", Feed);
        return app;
    }

    private static async Task<Results<Ok<List<SwapView>>, ValidationProblem, ProblemHttpResult>> Swaps(Guid id, ScheduleSwaps swaps, CancellationToken ct) =>
        await swaps.ListAsync(id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<List<SwapView>>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Created<SwapView>, ValidationProblem, ProblemHttpResult>> RequestSwap(Guid id, SwapRequestBody body, Actor actor, ScheduleSwaps swaps, CancellationToken ct) =>
        await swaps.RequestAsync(actor, id, body, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<SwapView>>()
            : TypedResults.Created($"/api/v1/schedules/{id}/swaps", outcome.Value);

    private static async Task<Results<Ok<SwapView>, ValidationProblem, ProblemHttpResult>> Decide(Guid id, Guid swapId, bool accept, Actor actor, ScheduleSwaps swaps, CancellationToken ct) =>
        await swaps.DecideAsync(actor, id, swapId, accept, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<SwapView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<IResult> Feed(string token, CalendarFeeds feeds, CancellationToken ct) =>
        await feeds.RenderAsync(token, ct) is { } text ? TypedResults.Text(text, "text/calendar; charset=utf-8") : TypedResults.NotFound();

    private static async Task<Results<Ok<CalendarFeedView>, ValidationProblem, ProblemHttpResult>> RevokeScheduleFeed(Guid id, Actor actor, CalendarFeeds feeds, CancellationToken ct) =>
        await feeds.RevokeAsync(actor, id, null, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<CalendarFeedView>>() : TypedResults.Ok(new CalendarFeedView(outcome.Value!));

    private static async Task<Results<Ok<PersonShiftsView>, ValidationProblem, ProblemHttpResult>> PersonShiftsOf(Guid id, DateTimeOffset? from, DateTimeOffset? to,
        Actor actor, PersonShifts shifts, CancellationToken ct) =>
        await shifts.ForAsync(actor, id, from, to, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<PersonShiftsView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<CalendarFeedView>, ValidationProblem, ProblemHttpResult>> PersonFeed(Guid id, Actor actor, CalendarFeeds feeds, CancellationToken ct)
    {
        if (actor.PersonId != id && actor.Lacks(LifelineRoles.Administrators, "see another person's calendar feed") is { } refused)
        {
            return refused.As<Ok<CalendarFeedView>>();
        }
        return await feeds.PersonUrlAsync(id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<CalendarFeedView>>() : TypedResults.Ok(new CalendarFeedView(outcome.Value!));
    }

    private static async Task<Results<Ok<CalendarFeedView>, ValidationProblem, ProblemHttpResult>> RevokePersonFeed(Guid id, Actor actor, CalendarFeeds feeds, CancellationToken ct) =>
        await feeds.RevokeAsync(actor, null, id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<CalendarFeedView>>() : TypedResults.Ok(new CalendarFeedView(outcome.Value!));

    private static async Task<Results<Ok<Page<ScheduleSummary>>, ValidationProblem, ProblemHttpResult>> List([AsParameters] PageQuery query, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<ScheduleSummary>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> Get(Guid id, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.GetAsync(id, ct) is var found && found.Refusal is { } refusal ? refusal.As<Ok<ScheduleView>>() : TypedResults.Ok(found.Value!);

    private static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> Create(ScheduleRequest request, Actor actor, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<ScheduleView>>()
            : TypedResults.Created($"/api/v1/schedules/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, ScheduleRequest request, Actor actor, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ScheduleView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, ScheduleCatalogue schedules, CancellationToken ct) =>
        (await schedules.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Ok<OnCallView>, ValidationProblem, ProblemHttpResult>> OnCall(Guid id, DateTimeOffset? at, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.OnCallAsync(id, at, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<OnCallView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<ShiftsView>, ValidationProblem, ProblemHttpResult>> Shifts(Guid id, DateTimeOffset? from, DateTimeOffset? to, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.ShiftsAsync(id, from, to, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ShiftsView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> AddOverride(Guid id, OverrideRequest request, Actor actor, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.AddOverrideAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<ScheduleView>>()
            : TypedResults.Created($"/api/v1/schedules/{id}", outcome.Value);

    private static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> RemoveOverride(Guid id, Guid overrideId, Actor actor, ScheduleCatalogue schedules, CancellationToken ct) =>
        await schedules.RemoveOverrideAsync(actor, id, overrideId, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ScheduleView>>() : TypedResults.Ok(outcome.Value!);
}
