using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Availability;

/// <summary>
/// When people cannot be reached, for the API and the console alike, and the one owner of "who may record or
/// remove an absence for whom" (an admin for anyone, a person for themselves): the API, the console's directory and
/// the self-service page all come here. Every change takes its actor and is audited
/// under the actor's name; reads show stand-ins by name, never contact values, and take no viewer.
/// </summary>
public sealed class AvailabilityCalendar(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    public async Task<Outcome<AvailabilityView>> GetAsync(Guid personId, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return Refusal.NotFound("person", personId);
        }
        var now = time.GetUtcNow();
        var absences = await ViewsAsync(db.Absences.Where(a => a.PersonId == personId && a.To > now), now, ct);
        var absentNow = absences.FirstOrDefault(a => a.ActiveNow);
        return new AvailabilityView(personId, absentNow is null, absentNow, absences);
    }

    public async Task<Outcome<AbsenceView>> RecordAbsenceAsync(Actor actor, Guid personId, AbsenceRequest request, CancellationToken ct)
    {
        current.Use(actor);
        if (actor.LacksSelfOrAdmin(personId, "record an absence for this person") is { } refused)
        {
            return refused;
        }
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return Refusal.NotFound("person", personId);
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
            if (standIn == personId)
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
            return Refusal.Invalid(v.Errors);
        }
        var absence = new Absence(personId, request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime(), request.StandInId, request.Reason);
        db.Absences.Add(absence);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db.Absences.Where(a => a.Id == absence.Id), time.GetUtcNow(), ct))[0];
    }

    public async Task<Outcome<Guid>> RemoveAbsenceAsync(Actor actor, Guid personId, Guid absenceId, CancellationToken ct)
    {
        current.Use(actor);
        if (actor.LacksSelfOrAdmin(personId, "remove an absence of this person") is { } refused)
        {
            return refused;
        }
        var absence = await db.Absences.FirstOrDefaultAsync(a => a.Id == absenceId && a.PersonId == personId, ct);
        if (absence is null)
        {
            return Refusal.NotFound("absence", absenceId);
        }
        db.Absences.Remove(absence);
        await db.SaveChangesAsync(ct);
        return absenceId;
    }

    /// <summary>
    /// An admin for anyone; a person for themselves (issue 13: a responder records their own absence, and names a
    /// stand-in who is paged instead). Nobody else.
    /// </summary>
    public static bool MayManageAbsencesOf(Actor actor, Guid personId) => actor.LacksSelfOrAdmin(personId, "manage absences") is null;

    private async Task<List<AbsenceView>> ViewsAsync(IQueryable<Absence> absences, DateTimeOffset now, CancellationToken ct) =>
        (await (from a in absences
                join s in db.People on a.StandInId equals s.Id into standIns
                from s in standIns.DefaultIfEmpty()
                orderby a.From
                select new { a, StandInName = s == null ? null : s.Name }).ToListAsync(ct))
        .Select(x => new AbsenceView(x.a.Id, x.a.PersonId, x.a.From, x.a.To, x.a.StandInId, x.StandInName, x.a.Reason, x.a.Covers(now)))
        .ToList();
}
