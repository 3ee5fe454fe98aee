using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Severity;

public static class SeveritiesApi
{
    public static RouteGroupBuilder MapSeveritiesApi(this RouteGroupBuilder api)
    {
        var severities = api.MapGroup("/severities").WithTags("Severities");
        severities.MapGet("/", List).WithSummary("The severity catalogue: definitions, examples, targets and the procedure each level triggers");
        severities.MapGet("/{level:int}", Get).WithSummary("A severity level");
        severities.MapPut("/{level:int}", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Change a severity level's texts, targets or procedure (audited)");
        severities.MapPost("/classify", Classify).WithSummary("Propose a severity for a service, impact scope, service state and affected organisation, and say why");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SeverityLevelView>>> List(SeverityCatalogue severities, CancellationToken ct) => TypedResults.Ok(await severities.ListAsync(ct));

    private static async Task<Results<Ok<SeverityLevelView>, ProblemHttpResult>> Get(int level, SeverityCatalogue severities, CancellationToken ct) =>
        await severities.GetAsync(level, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("severity level", level);

    private static async Task<Results<Ok<SeverityLevelView>, ValidationProblem, ProblemHttpResult>> Update(
        int level, SeverityLevelRequest request, Actor actor, SeverityCatalogue severities, CancellationToken ct) =>
        await severities.UpdateAsync(actor, level, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<SeverityLevelView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<ClassificationView>, ValidationProblem, ProblemHttpResult>> Classify(ClassifyRequest request, SeverityClassifier classifier, CancellationToken ct) =>
        await classifier.ProposeAsync(request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ClassificationView>>() : TypedResults.Ok(outcome.Value!);
}
