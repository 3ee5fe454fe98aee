using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.ServiceLevels;

/// <summary>How one target of an incident was judged.</summary>
public sealed record ServiceLevelResultView(ServiceLevelTarget Target, int Severity, DateTimeOffset DueAt, ServiceLevelOutcome Outcome,
    DateTimeOffset? AchievedAt, DateTimeOffset JudgedAt);

/// <summary>An incident's service-level results: each target met or breached, judged on when things happened.</summary>
public static class ServiceLevelsApi
{
    public static RouteGroupBuilder MapServiceLevelsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Service levels").NormalisesIncidentNumbers();
        incidents.MapGet("/{number}/service-levels", Get)
            .WithSummary("The acknowledge and resolve targets judged so far: met or breached, with when each was achieved")
            .WithDescription("A target appears once it is achieved or its due time has passed. For an incident entered from a manual log, "
                + "targets are judged on the times in the log: a breach recorded before the acknowledgement was typed in is judged again when it is.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ServiceLevelResultView>>, ProblemHttpResult>> Get(string number, LifelineDbContext db, CancellationToken ct)
    {
        var id = await db.Incidents.AsNoTracking().Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return Problems.NotFound("incident", number);
        }
        var results = await db.ServiceLevelResults.AsNoTracking().Where(r => r.IncidentId == id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ServiceLevelResultView>>(results.OrderBy(r => r.Target)
            .Select(r => new ServiceLevelResultView(r.Target, r.Severity, r.DueAt, r.Outcome, r.AchievedAt, r.JudgedAt)).ToList());
    }
}
