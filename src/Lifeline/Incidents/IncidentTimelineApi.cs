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
        incidents.MapGet("/{number}/timeline", Timeline).WithSummary("Everything that happened to an incident, in the order it happened, a page at a time")
            .WithDescription($"page (from 1) and pageSize (1–{PageQuery.MaxPageSize}, default {PageQuery.MaxPageSize}); total says how many entries there are.");
        incidents.MapPost("/{number}/manual-log", ImportManualLog).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Import entries from a manual log, at the time they happened")
            .WithDescription("Each entry: occurredAt (not in the future), author, text, optional clientKey. An entry already imported (same clientKey, or same occurredAt, author and text) is not added again.");
        return incidents;
    }

    // A long incident's timeline ran to 21 MB in one answer: it comes a page at a time, the largest page by default.
    private static async Task<Results<Ok<Page<TimelineEntryView>>, ValidationProblem, ProblemHttpResult>> Timeline(string number, int? page, int? pageSize,
        LifelineDbContext db, CancellationToken ct)
    {
        var paging = new PageQuery { Page = page, PageSize = pageSize ?? PageQuery.MaxPageSize };
        if (paging.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var id = await db.Incidents.AsNoTracking().Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return id is null ? Problems.NotFound("incident", number) : TypedResults.Ok(await Page<TimelineEntryView>.ReadAsync(IncidentViews.Timeline(db, id.Value), paging, ct));
    }

    private static async Task<Results<Ok<ManualLogResult>, ValidationProblem, ProblemHttpResult>> ImportManualLog(string number, ManualLogRequest request,
        IncidentService incidents, Actor actor, LifelineDbContext db, CancellationToken ct)
    {
        var (outcome, imported, present) = await incidents.ImportManualLogAsync(number, request.Entries ?? [], actor, ct);
        if (outcome.Failure is { } failure)
        {
            return IncidentViews.Fail<Ok<ManualLogResult>>(failure);
        }
        return TypedResults.Ok(new ManualLogResult(imported, present, await IncidentViews.Timeline(db, outcome.Incident!.Id).ToListAsync(ct)));
    }
}
