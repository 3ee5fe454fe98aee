using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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

    internal static SeverityLevelView View(SeverityLevel l) => new(l.Level, l.Name, l.Definition,
        l.Examples.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        l.AcknowledgeWithinMinutes, l.StatusUpdateEveryMinutes, l.ResolveWithinMinutes, l.Procedure);

    private static async Task<Ok<List<SeverityLevelView>>> List(LifelineDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Level).ToListAsync(ct)).Select(View).ToList());

    private static async Task<Results<Ok<SeverityLevelView>, ProblemHttpResult>> Get(int level, LifelineDbContext db, CancellationToken ct) =>
        await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == level, ct) is { } found
            ? TypedResults.Ok(View(found)) : Problems.NotFound("severity level", level);

    private static async Task<Results<Ok<SeverityLevelView>, ValidationProblem, ProblemHttpResult>> Update(int level, SeverityLevelRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var found = await db.SeverityLevels.FirstOrDefaultAsync(l => l.Level == level, ct);
        if (found is null)
        {
            return Problems.NotFound("severity level", level);
        }
        var examples = string.Join('\n', (request.Examples ?? []).Select(e => e.Trim()).Where(e => e.Length > 0));
        var v = new Validator().Required("name", request.Name, 64).Required("definition", request.Definition, 4000);
        if (examples.Length > 4000)
        {
            v.Add("examples", "examples are at most 4000 characters together.");
        }
        // A week is the outer bound: beyond it a target measures nothing a help desk acts on.
        Minutes(v, "acknowledgeWithinMinutes", request.AcknowledgeWithinMinutes);
        Minutes(v, "statusUpdateEveryMinutes", request.StatusUpdateEveryMinutes);
        Minutes(v, "resolveWithinMinutes", request.ResolveWithinMinutes);
        if (request.Procedure is { } procedure && !Enum.IsDefined(procedure))
        {
            v.Add("procedure", $"procedure is one of {string.Join(", ", Enum.GetNames<SeverityProcedure>())}.");
        }
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        found.Update(request.Name, request.Definition, examples, request.AcknowledgeWithinMinutes ?? found.AcknowledgeWithinMinutes,
            request.StatusUpdateEveryMinutes ?? found.StatusUpdateEveryMinutes, request.ResolveWithinMinutes ?? found.ResolveWithinMinutes,
            request.Procedure ?? found.Procedure);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(found));
    }

    private static void Minutes(Validator v, string field, int? minutes)
    {
        if (minutes is { } m && m is < 1 or > 7 * 24 * 60)
        {
            v.Add(field, $"{field} is between 1 and {7 * 24 * 60} minutes.");
        }
    }

    private static async Task<Results<Ok<ClassificationView>, ValidationProblem>> Classify(ClassifyRequest request, LifelineDbContext db, SeverityClassifier classifier, CancellationToken ct)
    {
        var v = new Validator();
        var service = request.ServiceId is { } serviceId ? await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct) : null;
        if (service is null)
        {
            v.Add("serviceId", request.ServiceId is null ? "serviceId is required." : $"No service with id {request.ServiceId}.");
        }
        var organisation = request.OrganisationId is { } organisationId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct) : null;
        if (request.OrganisationId is not null && organisation is null)
        {
            v.Add("organisationId", $"No organisation with id {request.OrganisationId}.");
        }
        if (request.ImpactScope is not { } scope || !Enum.IsDefined(scope))
        {
            v.Add("impactScope", $"impactScope is one of {string.Join(", ", Enum.GetNames<ImpactScope>())}.");
        }
        if (request.ServiceState is not { } state || !Enum.IsDefined(state))
        {
            v.Add("serviceState", $"serviceState is one of {string.Join(", ", Enum.GetNames<ServiceState>())}.");
        }
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        var result = await classifier.ClassifyAsync(service!, organisation, request.ImpactScope!.Value, request.ServiceState!.Value, ct);
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == result.Severity, ct);
        return TypedResults.Ok(new ClassificationView(result.Severity, level?.Name ?? "", level?.Procedure ?? SeverityProcedure.NormalBusinessProcess,
            result.Reason, result.RuleId, result.RuleName));
    }
}
