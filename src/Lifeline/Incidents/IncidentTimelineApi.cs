using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Incidents;

/// <summary>An incident's timeline, and entries typed in from a manual log.</summary>
public static class IncidentTimelineApi
{
    public static RouteGroupBuilder MapIncidentTimelineApi(this RouteGroupBuilder incidents)
    {
        incidents.MapGet("/{number}/timeline", Timeline).WithSummary("Everything that happened to an incident, in the order it happened");
        incidents.MapPost("/{number}/manual-log", ImportManualLog).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Import entries from a manual log, at the time they happened")
            .WithDescription("Each entry: occurredAt (not in the future), author, text, optional clientKey. An entry already imported (same clientKey, or same occurredAt, author and text) is not added again.");
        return incidents;
    }

    private static async Task<Results<Ok<List<TimelineEntryView>>, ProblemHttpResult>> Timeline(string number, LifelineDbContext db, CancellationToken ct)
    {
        var upper = number.ToUpperInvariant();
        var id = await db.Incidents.AsNoTracking().Where(i => i.Number == upper).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return id is null ? Problems.NotFound("incident", number) : TypedResults.Ok(await IncidentViews.Timeline(db, id.Value).ToListAsync(ct));
    }

    private static async Task<Results<Ok<ManualLogResult>, ValidationProblem, ProblemHttpResult>> ImportManualLog(string number, ManualLogRequest request,
        IncidentService incidents, CurrentActor actor, LifelineDbContext db, CancellationToken ct)
    {
        var (outcome, imported, present) = await incidents.ImportManualLogAsync(number.ToUpperInvariant(), request.Entries ?? [], actor.Name, ct);
        if (outcome.Failure is { } failure)
        {
            return IncidentViews.Fail<Ok<ManualLogResult>>(failure);
        }
        return TypedResults.Ok(new ManualLogResult(imported, present, await IncidentViews.Timeline(db, outcome.Incident!.Id).ToListAsync(ct)));
    }
}
