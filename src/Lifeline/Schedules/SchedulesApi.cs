using Lifeline.Access;
using Lifeline.Api;
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
        return api;
    }

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
