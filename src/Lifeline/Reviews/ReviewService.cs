using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Reviews;

/// <summary>
/// Post-incident reviews: written after resolution by an incident manager (or an admin), read by everyone signed in;
/// their actions are open until their owner, an incident manager or an admin marks them done.
/// </summary>
public sealed class ReviewService(LifelineDbContext db, IncidentTimeline timeline, CurrentActor current, TimeProvider time)
{
    public async Task<Outcome<ReviewView>> GetAsync(string number, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == IncidentNumbers.Normalise(number), ct);
        if (incident is null)
        {
            return Refusal.NotFound("incident", number);
        }
        var review = await db.Reviews.AsNoTracking().Include(r => r.Actions).FirstOrDefaultAsync(r => r.IncidentId == incident.Id, ct);
        return review is null ? Refusal.NotFound("review of incident", incident.Number) : await ViewAsync(incident, review, ct);
    }

    public async Task<Outcome<ReviewView>> WriteAsync(Actor actor, string number, ReviewRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "write post-incident reviews") is { } refused)
        {
            return refused;
        }
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == IncidentNumbers.Normalise(number), ct);
        if (incident is null)
        {
            return Refusal.NotFound("incident", number);
        }
        if (incident.Status is not (IncidentStatus.Resolved or IncidentStatus.Closed))
        {
            return Refusal.Conflict($"{incident.Number} is {incident.Status}: a review is written after the incident is resolved.", "Not resolved yet");
        }
        var v = new Validator().Required("summary", request.Summary, 8000).Required("impact", request.Impact, 8000).Optional("causes", request.Causes, 8000);
        var picked = (request.TimelineEntryIds ?? []).Distinct().ToList();
        if (picked.Count > 200)
        {
            v.Add("timelineEntryIds", "Pick at most 200 timeline entries.");
        }
        var present = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id && picked.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        foreach (var missing in picked.Except(present))
        {
            v.Add("timelineEntryIds", $"{missing} is not an entry of {incident.Number}'s timeline.");
        }
        var actions = request.Actions ?? [];
        if (actions.Count > 100)
        {
            v.Add("actions", "At most 100 actions.");
        }
        var ownerIds = actions.Where(a => a.OwnerId is not null).Select(a => a.OwnerId!.Value).Distinct().ToList();
        var owners = await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var review = await db.Reviews.Include(r => r.Actions).FirstOrDefaultAsync(r => r.IncidentId == incident.Id, ct);
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            v.Required($"actions[{i}].text", a.Text, 1000).SingleLine($"actions[{i}].text", a.Text);
            if (a.OwnerId is not { } owner || !owners.Contains(owner))
            {
                v.Add($"actions[{i}].ownerId", a.OwnerId is null ? "Every action has an owner (a person in the directory)." : $"No person with id {a.OwnerId}.");
            }
            if (a.DueOn is null)
            {
                v.Add($"actions[{i}].dueOn", "Every action has a due date.");
            }
            if (a.Id is { } id && review?.Actions.Find(x => x.Id == id) is not { IsOpen: true })
            {
                v.Add($"actions[{i}].id", $"{id} is not an open action of this review.");
            }
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }

        current.Use(actor);
        var now = time.GetUtcNow();
        var isNew = review is null;
        if (review is null)
        {
            review = new Review(incident.Id, actor.Name, now);
            db.Reviews.Add(review);
        }
        review.Write(request.Summary!, request.Impact!, request.Causes ?? "", picked, actor.Name, now);
        var kept = actions.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToHashSet();
        foreach (var dropped in review.Actions.Where(x => x.IsOpen && !kept.Contains(x.Id)).ToList())
        {
            review.Actions.Remove(dropped);
            db.ReviewActions.Remove(dropped);
        }
        foreach (var a in actions)
        {
            if (a.Id is { } id)
            {
                review.Actions.Find(x => x.Id == id)!.Change(a.Text!, a.OwnerId!.Value, a.DueOn!.Value);
            }
            else
            {
                var action = new ReviewAction(review.Id, a.Text!, a.OwnerId!.Value, a.DueOn!.Value, now);
                review.Actions.Add(action);
                db.ReviewActions.Add(action);
            }
        }
        timeline.Append(incident.Id, ReviewTimelineKinds.ReviewWritten,
            $"Post-incident review {(isNew ? "written" : "revised")} by {actor.Name}: {review.Actions.Count(x => x.IsOpen)} open action(s).", actor.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (isNew)
        {
            return Refusal.Conflict($"Someone else wrote {incident.Number}'s review at the same time: load it and revise it.", "Written meanwhile");
        }
        return await ViewAsync(incident, review, ct);
    }

    /// <summary>The owner of the action, an incident manager or an admin marks it done; it leaves the open list.</summary>
    public async Task<Outcome<ReviewActionView>> CompleteActionAsync(Actor actor, Guid actionId, CancellationToken ct)
    {
        var action = await db.ReviewActions.FirstOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null)
        {
            return Refusal.NotFound("review action", actionId);
        }
        if (action.OwnerId != actor.PersonId && actor.Lacks(LifelineRoles.IncidentRunners, "mark other people's review actions done") is { } refused)
        {
            return refused;
        }
        if (!action.Complete(actor.Name, time.GetUtcNow()))
        {
            return Refusal.Conflict($"The action was already done, by {action.DoneBy} at {action.DoneAt:yyyy-MM-dd HH:mm} UTC.", "Already done");
        }
        current.Use(actor);
        var incidentId = await db.Reviews.Where(r => r.Id == action.ReviewId).Select(r => r.IncidentId).FirstAsync(ct);
        timeline.Append(incidentId, ReviewTimelineKinds.ReviewActionDone, $"Review action done ({actor.Name}): {action.Text}", actor.Name);
        await db.SaveChangesAsync(ct);
        var owner = await OwnerNamesAsync([action], ct);
        return View(action, owner);
    }

    /// <summary>Every action not done yet, across all reviews, the earliest due first.</summary>
    public async Task<IReadOnlyList<OpenReviewAction>> OpenActionsAsync(CancellationToken ct)
    {
        var rows = await (from a in db.ReviewActions.AsNoTracking()
                          join r in db.Reviews on a.ReviewId equals r.Id
                          join i in db.Incidents on r.IncidentId equals i.Id
                          where a.DoneAt == null
                          orderby a.DueOn, i.Number
                          select new { Action = a, i.Number, i.Title }).Take(1000).ToListAsync(ct);
        var names = await OwnerNamesAsync(rows.Select(r => r.Action), ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return rows.Select(r => new OpenReviewAction(r.Action.Id, r.Action.Text, r.Action.OwnerId, Owner(r.Action, names), r.Action.DueOn, r.Action.DueOn < today,
            r.Number, r.Title)).ToList();
    }

    private async Task<ReviewView> ViewAsync(Incident incident, Review review, CancellationToken ct)
    {
        var picked = review.TimelineEntryIds.ToList();
        var excerpts = await db.TimelineEntries.AsNoTracking().Where(e => picked.Contains(e.Id)).OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt)
            .Select(e => new ReviewExcerpt(e.Id, e.OccurredAt, e.Actor, e.Kind, e.Text)).ToListAsync(ct);
        var names = await OwnerNamesAsync(review.Actions, ct);
        return new ReviewView(review.Id, incident.Number, incident.Title, review.Summary, review.Impact, review.Causes, excerpts,
            review.Actions.OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).Select(a => View(a, names)).ToList(), review.Author, review.CreatedAt, review.UpdatedAt);
    }

    private async Task<Dictionary<Guid, string>> OwnerNamesAsync(IEnumerable<ReviewAction> actions, CancellationToken ct)
    {
        var ids = actions.Where(a => a.OwnerId is not null).Select(a => a.OwnerId!.Value).Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    private static string Owner(ReviewAction a, Dictionary<Guid, string> names) =>
        a.OwnerId is { } id && names.TryGetValue(id, out var name) ? name : "(owner removed)";

    private static ReviewActionView View(ReviewAction a, Dictionary<Guid, string> names) =>
        new(a.Id, a.Text, a.OwnerId, Owner(a, names), a.DueOn, a.IsOpen, a.DoneAt, a.DoneBy);
}
