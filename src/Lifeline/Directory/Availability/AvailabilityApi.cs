using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Availability;

public sealed record AbsenceRequest(DateTimeOffset? From, DateTimeOffset? To, Guid? StandInId, string? Reason);
public sealed record AbsenceView(Guid Id, Guid PersonId, DateTimeOffset From, DateTimeOffset To, Guid? StandInId, string? StandInName, string? Reason, bool ActiveNow);
public sealed record AvailabilityView(Guid PersonId, bool AvailableNow, AbsenceView? CurrentAbsence, IReadOnlyList<AbsenceView> Absences);

public static class AvailabilityApi
{
    public static RouteGroupBuilder MapAvailabilityApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/people/{id:guid}/availability").WithTags("Availability");
        group.MapGet("/", Get).WithSummary("Whether a person can be reached now, and their current and future absences");
        group.MapPost("/", Add).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Mark a person unavailable from/to, optionally with a stand-in")
            .WithDescription("While unavailable, escalation skips the person at once (no waiting out the tier) or pages the stand-in; the timeline says so.");
        group.MapDelete("/{absenceId:guid}", Remove).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove an absence");
        return api;
    }

    private static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return Problems.NotFound("person", id);
        }
        var now = time.GetUtcNow();
        var absences = await ViewsAsync(db, db.Absences.Where(a => a.PersonId == id && a.To > now), now, ct);
        var current = absences.FirstOrDefault(a => a.ActiveNow);
        return TypedResults.Ok(new AvailabilityView(id, current is null, current, absences));
    }

    private static async Task<Results<Created<AbsenceView>, ValidationProblem, ProblemHttpResult>> Add(
        Guid id, AbsenceRequest request, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return Problems.NotFound("person", id);
        }
        var v = new Validator().Optional("reason", request.Reason, 500);
        if (request.From is null)
        {
            v.Add("from", "from is required.");
        }
        if (request.To is null)
        {
            v.Add("to", "to is required.");
        }
        else if (request.From is not null && request.To <= request.From)
        {
            v.Add("to", "to must be after from.");
        }
        if (request.StandInId is { } standIn)
        {
            if (standIn == id)
            {
                v.Add("standInId", "A person cannot stand in for themselves.");
            }
            else if (!await db.People.AnyAsync(p => p.Id == standIn, ct))
            {
                v.Add("standInId", $"No person with id {standIn}.");
            }
        }
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        var absence = new Absence(id, request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime(), request.StandInId, request.Reason);
        db.Absences.Add(absence);
        await db.SaveChangesAsync(ct);
        var view = (await ViewsAsync(db, db.Absences.Where(a => a.Id == absence.Id), time.GetUtcNow(), ct))[0];
        return TypedResults.Created($"/api/v1/people/{id}/availability/{absence.Id}", view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, Guid absenceId, LifelineDbContext db, CancellationToken ct)
    {
        var absence = await db.Absences.FirstOrDefaultAsync(a => a.Id == absenceId && a.PersonId == id, ct);
        if (absence is null)
        {
            return Problems.NotFound("absence", absenceId);
        }
        db.Absences.Remove(absence);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<AbsenceView>> ViewsAsync(LifelineDbContext db, IQueryable<Absence> absences, DateTimeOffset now, CancellationToken ct) =>
        (await (from a in absences
                join s in db.People on a.StandInId equals s.Id into standIns
                from s in standIns.DefaultIfEmpty()
                orderby a.From
                select new { a, StandInName = s == null ? null : s.Name }).ToListAsync(ct))
        .Select(x => new AbsenceView(x.a.Id, x.a.PersonId, x.a.From, x.a.To, x.a.StandInId, x.StandInName, x.a.Reason, x.a.Covers(now)))
        .ToList();
}
