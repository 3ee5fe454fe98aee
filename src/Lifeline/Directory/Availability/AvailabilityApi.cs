using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Availability;

public static class AvailabilityApi
{
    public static RouteGroupBuilder MapAvailabilityApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/people/{id:guid}/availability").WithTags("Availability");
        group.MapGet("/", Get).WithSummary("Whether a person can be reached now, and their current and future absences");
        // The calendar decides who may record for whom (an admin for anyone, a person for themselves), so the console
        // and the API meet one rule; the endpoints only require a signed-in caller.
        group.MapPost("/", Add)
            .WithSummary("Mark a person unavailable from/to, optionally with a stand-in")
            .WithDescription("While unavailable, escalation skips the person at once (no waiting out the tier) or pages the stand-in; the timeline says so. " +
                "Allowed to an admin for anyone and to the person linked to the signed-in account for themselves; anyone else gets 403.");
        group.MapDelete("/{absenceId:guid}", Remove).WithSummary("Remove an absence")
            .WithDescription("Allowed to an admin for anyone and to the person linked to the signed-in account for their own absences; anyone else gets 403.");
        return api;
    }

    private static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> Get(Guid id, AvailabilityCalendar calendar, CancellationToken ct) =>
        await calendar.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("person", id);

    private static async Task<Results<Created<AbsenceView>, ValidationProblem, ProblemHttpResult>> Add(
        Guid id, AbsenceRequest request, Actor actor, AvailabilityCalendar calendar, CancellationToken ct) =>
        await calendar.RecordAbsenceAsync(actor, id, request, ct) is var recorded && recorded.Refusal is { } refusal
            ? refusal.As<Created<AbsenceView>>()
            : TypedResults.Created($"/api/v1/people/{id}/availability/{recorded.Value!.Id}", recorded.Value);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove(
        Guid id, Guid absenceId, Actor actor, AvailabilityCalendar calendar, CancellationToken ct) =>
        (await calendar.RemoveAbsenceAsync(actor, id, absenceId, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
