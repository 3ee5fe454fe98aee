using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Schedules;

public sealed record SwapRequestBody(Guid? RequesterId, Guid? ColleagueId, DateTimeOffset? From, DateTimeOffset? To, string? Note);

public sealed record SwapView(Guid Id, Guid ScheduleId, Guid RequesterId, string RequesterName, Guid ColleagueId, string ColleagueName,
    DateTimeOffset From, DateTimeOffset To, string? Note, SwapStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, Guid? OverrideId);

/// <summary>
/// Swap requests: a participant asks a colleague of the same schedule to take their time on call, and only the colleague's
/// acceptance changes the schedule (an override). The requester is the signed-in person (an admin may ask for anyone);
/// only the colleague may accept or decline. Audited under the actor's name like every schedule change.
/// </summary>
public sealed class ScheduleSwaps(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    public async Task<Outcome<List<SwapView>>> ListAsync(Guid scheduleId, CancellationToken ct)
    {
        if (!await db.Schedules.AnyAsync(s => s.Id == scheduleId, ct))
        {
            return Refusal.NotFound("schedule", scheduleId);
        }
        return await ViewsAsync(db.SwapRequests.Where(s => s.ScheduleId == scheduleId && s.To > time.GetUtcNow()), ct);
    }

    public async Task<Outcome<SwapView>> RequestAsync(Actor actor, Guid scheduleId, SwapRequestBody body, CancellationToken ct)
    {
        current.Use(actor);
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is null)
        {
            return Refusal.NotFound("schedule", scheduleId);
        }
        var requester = body.RequesterId ?? actor.PersonId;
        if (requester is null)
        {
            return Refusal.Invalid("requesterId", "requesterId is required when the account is not linked to a person.");
        }
        if (requester != actor.PersonId && actor.Lacks(LifelineRoles.Administrators, "ask for a swap on someone else's behalf") is { } refused)
        {
            return refused;
        }
        var v = new Validator().Optional("note", body.Note, 500).SingleLine("note", body.Note);
        if (!schedule.HasParticipant(requester.Value))
        {
            v.Add("requesterId", "The requester is not in this schedule's rotations.");
        }
        if (body.ColleagueId is not { } colleague)
        {
            v.Add("colleagueId", "colleagueId is required: who is asked to take over.");
        }
        else if (colleague == requester)
        {
            v.Add("colleagueId", "A person cannot swap with themselves.");
        }
        else if (!schedule.HasParticipant(colleague))
        {
            v.Add("colleagueId", "The colleague is not in this schedule's rotations: a swap is between people of the same schedule (an admin can add anyone with an override).");
        }
        if (body.From is null)
        {
            v.Add("from", "from is required.");
        }
        if (body.To is null)
        {
            v.Add("to", "to is required.");
        }
        else if (body.From is not null && body.To <= body.From)
        {
            v.Add("to", "to must be after from.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var swap = new SwapRequest(scheduleId, requester.Value, body.ColleagueId!.Value, body.From!.Value.ToUniversalTime(), body.To!.Value.ToUniversalTime(), body.Note, time.GetUtcNow());
        db.SwapRequests.Add(swap);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db.SwapRequests.Where(s => s.Id == swap.Id), ct))[0];
    }

    /// <summary>The colleague's answer. Accepting writes the override, unless another override of the schedule overlaps the period.</summary>
    public async Task<Outcome<SwapView>> DecideAsync(Actor actor, Guid scheduleId, Guid swapId, bool accept, CancellationToken ct)
    {
        current.Use(actor);
        var swap = await db.SwapRequests.FirstOrDefaultAsync(s => s.Id == swapId && s.ScheduleId == scheduleId, ct);
        if (swap is null)
        {
            return Refusal.NotFound("swap request", swapId);
        }
        if (actor.PersonId != swap.ColleagueId)
        {
            return Refusal.Forbidden("Only the colleague who was asked may accept or decline a swap.");
        }
        if (swap.Status != SwapStatus.Requested)
        {
            return Refusal.Conflict($"The swap request is already {swap.Status.ToString().ToLowerInvariant()}.");
        }
        var now = time.GetUtcNow();
        if (accept)
        {
            var overlapping = await db.ScheduleOverrides.AsNoTracking().AnyAsync(o => o.ScheduleId == scheduleId && o.From < swap.To && o.To > swap.From, ct);
            if (overlapping)
            {
                return Refusal.Conflict("Another override of this schedule overlaps the period; an admin has to settle it first.", "Overlapping override");
            }
            var change = new ScheduleOverride(scheduleId, OverrideKind.Replace, swap.ColleagueId, swap.RequesterId, swap.From, swap.To, "swap accepted", now);
            db.ScheduleOverrides.Add(change);
            swap.Accept(change.Id, now);
            await ShiftNotices.WatchAsync(db, scheduleId, now, ct);
        }
        else
        {
            swap.Decline(now);
        }
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db.SwapRequests.Where(s => s.Id == swap.Id), ct))[0];
    }

    private async Task<List<SwapView>> ViewsAsync(IQueryable<SwapRequest> swaps, CancellationToken ct)
    {
        var list = await swaps.AsNoTracking().OrderBy(s => s.From).ToListAsync(ct);
        var ids = list.SelectMany(s => new[] { s.RequesterId, s.ColleagueId }).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. list.Select(s => new SwapView(s.Id, s.ScheduleId, s.RequesterId, names.GetValueOrDefault(s.RequesterId, "(deleted person)"), s.ColleagueId,
            names.GetValueOrDefault(s.ColleagueId, "(deleted person)"), s.From, s.To, s.Note, s.Status, s.CreatedAt, s.DecidedAt, s.OverrideId))];
    }
}
