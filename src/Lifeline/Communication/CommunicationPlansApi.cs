using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Communication;

public static class CommunicationPlansApi
{
    public static RouteGroupBuilder MapCommunicationPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/communication-plans").WithTags("Communication plans");
        plans.MapGet("/", List).WithSummary("List communication plans (who hears about incidents, when and how)");
        plans.MapGet("/{id:guid}", Get).WithSummary("A communication plan");
        plans.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a communication plan")
            .WithDescription("Each rule: on an event (EscalationStarted, StatusUpdate, Resolved), during a shift (Day, Off, or null for any), tell the recipients by a channel, falling back to another channel when the first fails for good; an instruction becomes a task the recipient confirms.");
        plans.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a communication plan");
        plans.MapPost("/{id:guid}/dry-run", DryRun).WithSummary("Who the plan would tell about an incident of a service at a moment, without telling anyone")
            .WithDescription("Body: `serviceId`, `at` (a day-shift, off-shift or holiday moment) and an optional `severity` (the plan's first when not given). "
                + "Answers, for each event (EscalationStarted, StatusUpdate, Resolved), who gets which message by which channel and which fallback, with absent "
                + "people skipped or replaced by their stand-in. Nothing is stored or sent.");
        plans.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a communication plan");
        return api;
    }

    private static async Task<Results<Ok<Page<CommunicationPlanView>>, ValidationProblem>> List([AsParameters] PageQuery query, CommunicationPlanCatalogue plans, CancellationToken ct) =>
        query.Validate() is { } errors ? Problems.Invalid(errors) : TypedResults.Ok(await plans.ListAsync(query, ct));

    private static async Task<Results<Ok<CommunicationPlanView>, ProblemHttpResult>> Get(Guid id, CommunicationPlanCatalogue plans, CancellationToken ct) =>
        await plans.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("communication plan", id);

    private static async Task<Results<Created<CommunicationPlanView>, ValidationProblem, ProblemHttpResult>> Create(
        CommunicationPlanRequest request, Actor actor, CommunicationPlanCatalogue plans, CancellationToken ct) =>
        await plans.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<CommunicationPlanView>>()
            : TypedResults.Created($"/api/v1/communication-plans/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<CommunicationPlanView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, CommunicationPlanRequest request, Actor actor, CommunicationPlanCatalogue plans, CancellationToken ct) =>
        await plans.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<CommunicationPlanView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<CommunicationPlanDryRunView>, ValidationProblem, ProblemHttpResult>> DryRun(
        Guid id, CommunicationPlanDryRunRequest request, Actor actor, CommunicationPlanDryRun dryRun, CancellationToken ct) =>
        await dryRun.RunAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<CommunicationPlanDryRunView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, CommunicationPlanCatalogue plans, CancellationToken ct) =>
        (await plans.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
