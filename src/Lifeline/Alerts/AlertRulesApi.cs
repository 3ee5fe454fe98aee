using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Alerts;

public static class AlertRulesApi
{
    public static RouteGroupBuilder MapAlertRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/alert-rules").WithTags("Alerts");
        rules.MapGet("/", List).WithSummary("The alert severity rules, in the order they are tried (first match wins)");
        rules.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add an alert severity rule (audited)")
            .WithDescription("A condition left null matches anything (serviceId, alertSeverity, source, labelName/labelValue). Alerts no rule matches are "
                + "classified by the classification rules from their own severity: critical as down for the majority, error as down for a small group, "
                + "warning as degraded for a small group, info as degraded for a single user.");
        rules.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change an alert severity rule (audited)");
        rules.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove an alert severity rule (audited)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AlertRuleView>>> List(AlertRuleCatalogue rules, CancellationToken ct) => TypedResults.Ok(await rules.ListAsync(ct));

    private static async Task<Results<Created<AlertRuleView>, ValidationProblem, ProblemHttpResult>> Create(
        AlertRuleRequest request, Actor actor, AlertRuleCatalogue rules, CancellationToken ct) =>
        await rules.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<AlertRuleView>>() : TypedResults.Created($"/api/v1/alert-rules/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<AlertRuleView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, AlertRuleRequest request, Actor actor, AlertRuleCatalogue rules, CancellationToken ct) =>
        await rules.UpdateAsync(actor, id, request, ct) is var updated && updated.Refusal is { } refusal ? refusal.As<Ok<AlertRuleView>>() : TypedResults.Ok(updated.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, AlertRuleCatalogue rules, CancellationToken ct) =>
        (await rules.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
