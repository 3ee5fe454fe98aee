using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Severity;

public static class ClassificationRulesApi
{
    public static RouteGroupBuilder MapClassificationRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/classification-rules").WithTags("Severities");
        rules.MapGet("/", List).WithSummary("The classification rules, in the order they are tried (first match wins)");
        rules.MapGet("/{id:guid}", Get).WithSummary("A classification rule");
        rules.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a classification rule (audited)")
            .WithDescription("A condition left null matches anything. reason may use {service}, {organisation}, {scope} and {state}.");
        rules.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a classification rule (audited)");
        rules.MapPost("/{id:guid}/move", Move).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Move a rule one place up or down in the order the rules are tried (direction: up or down; audited); returns the rules in order");
        rules.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a classification rule (audited)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ClassificationRuleView>>> List(ClassificationRuleCatalogue rules, CancellationToken ct) => TypedResults.Ok(await rules.ListAsync(ct));

    private static async Task<Results<Ok<ClassificationRuleView>, ProblemHttpResult>> Get(Guid id, ClassificationRuleCatalogue rules, CancellationToken ct) =>
        await rules.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("classification rule", id);

    private static async Task<Results<Created<ClassificationRuleView>, ValidationProblem, ProblemHttpResult>> Create(
        ClassificationRuleRequest request, Actor actor, ClassificationRuleCatalogue rules, CancellationToken ct) =>
        await rules.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<ClassificationRuleView>>()
            : TypedResults.Created($"/api/v1/classification-rules/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<ClassificationRuleView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ClassificationRuleRequest request, Actor actor, ClassificationRuleCatalogue rules, CancellationToken ct) =>
        await rules.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ClassificationRuleView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, ClassificationRuleCatalogue rules, CancellationToken ct) =>
        (await rules.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Ok<IReadOnlyList<ClassificationRuleView>>, ValidationProblem, ProblemHttpResult>> Move(
        Guid id, ClassificationRuleMoveRequest request, Actor actor, ClassificationRuleCatalogue rules, CancellationToken ct) =>
        await rules.MoveAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<IReadOnlyList<ClassificationRuleView>>>()
            : TypedResults.Ok(outcome.Value!);
}
