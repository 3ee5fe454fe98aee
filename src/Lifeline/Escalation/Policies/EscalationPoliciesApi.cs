using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Escalation.Policies;

public static class EscalationPoliciesApi
{
    public static RouteGroupBuilder MapEscalationPoliciesApi(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/escalation-policies").WithTags("Escalation policies");
        policies.MapGet("/", List).WithSummary("List escalation policies");
        policies.MapGet("/{id:guid}", Get).WithSummary("An escalation policy with its tiers");
        policies.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add an escalation policy")
            .WithDescription("Tiers are tried in order; each pages its targets on its channels and waits `wait` (hh:mm:ss; seconds are allowed for drills and tests) for an acknowledgement. After the last tier the policy runs again `repeatCount` more times.");
        policies.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change an escalation policy")
            .WithDescription("A running escalation keeps the snapshot of the policy taken when it started; changes apply to escalations that start afterwards.");
        policies.MapPost("/{id:guid}/dry-run", DryRun).WithSummary("What the policy would do for a service at a moment, without paging anyone")
            .WithDescription("Body: `serviceId`, `at` (the moment the incident would open: a day-shift, off-shift or holiday time) and an optional `severity`. "
                + "Answers who would be paged at which minute on which channel, tier by tier and repeat by repeat if nobody acknowledges, with absent people "
                + "skipped or replaced by their stand-in and schedules resolved to who is on call at that minute. Nothing is stored or sent.");
        policies.MapPost("/{id:guid}/default", MakeDefault).RequireAuthorization(AccessPolicies.Administer).WithSummary("Make this the policy for services that name none");
        policies.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a policy no service or team uses");
        return api;
    }

    private static async Task<Results<Ok<Page<EscalationPolicyView>>, ValidationProblem>> List([AsParameters] PageQuery query, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        query.Validate() is { } errors ? Problems.Invalid(errors) : TypedResults.Ok(await policies.ListAsync(query, ct));

    private static async Task<Results<Ok<EscalationPolicyView>, ProblemHttpResult>> Get(Guid id, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        await policies.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("escalation policy", id);

    private static async Task<Results<Created<EscalationPolicyView>, ValidationProblem, ProblemHttpResult>> Create(
        EscalationPolicyRequest request, Actor actor, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        await policies.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<EscalationPolicyView>>()
            : TypedResults.Created($"/api/v1/escalation-policies/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<EscalationPolicyView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, EscalationPolicyRequest request, Actor actor, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        await policies.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<EscalationPolicyView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<EscalationDryRunView>, ValidationProblem, ProblemHttpResult>> DryRun(
        Guid id, EscalationDryRunRequest request, Actor actor, EscalationDryRun dryRun, CancellationToken ct) =>
        await dryRun.RunAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<EscalationDryRunView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<EscalationPolicyView>, ValidationProblem, ProblemHttpResult>> MakeDefault(
        Guid id, Actor actor, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        await policies.MakeDefaultAsync(actor, id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<EscalationPolicyView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, EscalationPolicyCatalogue policies, CancellationToken ct) =>
        (await policies.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
