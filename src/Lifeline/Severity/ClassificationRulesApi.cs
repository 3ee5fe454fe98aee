using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
        rules.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a classification rule (audited)");
        return api;
    }

    private static ClassificationRuleView View(ClassificationRule r) =>
        new(r.Id, r.Order, r.Name, r.MajorEnterpriseService, r.PublicFacing, r.VipAffected, r.State, r.MinimumScope, r.Severity, r.Reason);

    private static async Task<Ok<List<ClassificationRuleView>>> List(LifelineDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.ClassificationRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct)).Select(View).ToList());

    private static async Task<Results<Ok<ClassificationRuleView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct) =>
        await db.ClassificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } rule
            ? TypedResults.Ok(View(rule)) : Problems.NotFound("classification rule", id);

    private static async Task<Results<Created<ClassificationRuleView>, ValidationProblem>> Create(ClassificationRuleRequest request, LifelineDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        var rule = new ClassificationRule(request.Order!.Value, request.Name, request.MajorEnterpriseService, request.PublicFacing, request.VipAffected,
            request.State, request.MinimumScope, request.Severity!.Value, request.Reason);
        db.ClassificationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/classification-rules/{rule.Id}", View(rule));
    }

    private static async Task<Results<Ok<ClassificationRuleView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, ClassificationRuleRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var rule = await db.ClassificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Problems.NotFound("classification rule", id);
        }
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        rule.Update(request.Order!.Value, request.Name, request.MajorEnterpriseService, request.PublicFacing, request.VipAffected,
            request.State, request.MinimumScope, request.Severity!.Value, request.Reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(rule));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var rule = await db.ClassificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Problems.NotFound("classification rule", id);
        }
        db.ClassificationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateAsync(ClassificationRuleRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Required("reason", request.Reason, 1000);
        if (request.Order is not { } order || order < 0)
        {
            v.Add("order", "order is required and not negative; rules are tried from the lowest order.");
        }
        if (request.Severity is not { } severity || !await db.SeverityLevels.AnyAsync(l => l.Level == severity, ct))
        {
            v.Add("severity", "severity must be a level of the severity catalogue.");
        }
        if (request.State is { } state && !Enum.IsDefined(state))
        {
            v.Add("state", $"state is one of {string.Join(", ", Enum.GetNames<ServiceState>())}.");
        }
        if (request.MinimumScope is { } scope && !Enum.IsDefined(scope))
        {
            v.Add("minimumScope", $"minimumScope is one of {string.Join(", ", Enum.GetNames<ImpactScope>())}.");
        }
        return v.IsValid ? null : Problems.Invalid(v.Errors);
    }
}
