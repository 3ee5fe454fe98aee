using Lifeline.Engine;
using Lifeline.Targets;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.Escalation;

/// <summary>
/// Carries out a due escalation step: pages the tier's people on the tier's channels, then
/// schedules the next step (the next tier, the next repeat, or the end) after the tier's wait.
/// A tier that reaches nobody is skipped at once, with the reason on the timeline.
/// </summary>
public sealed class TierPager(LifelineDbContext db, TargetResolver resolver, NotificationOutbox outbox, IncidentTimeline timeline, TimeProvider time)
{
    public async Task<string> PageTierAsync(EngineJob job, CancellationToken ct)
    {
        // Found in the unit of work when the engine loaded the batch's escalations ahead (EnginePass).
        var run = job.EscalationRunId is { } runId ? await db.EscalationRuns.FindAsync([runId], ct) : null;
        var incident = await db.Incidents.FindAsync([job.IncidentId], ct);
        if (run is null || incident is null || !run.IsActive)
        {
            return $"nothing to do: the escalation is {run?.State.ToString() ?? "gone"}";
        }
        var now = time.GetUtcNow();
        var tier = run.Policy.Tiers[job.Tier];
        var label = await LabelAsync(run, job, ct);
        var resolution = await resolver.ResolveAsync(tier.Targets, new TargetContext(incident.ServiceId, incident.IncidentManagerId, now), ct);
        foreach (var skipped in resolution.Skipped)
        {
            timeline.Append(incident.Id, TargetTimelineKinds.TargetSkipped, $"{label}: skipped {skipped.Description}: {skipped.Reason}.", "engine");
        }

        var paged = new List<string>();
        foreach (var person in resolution.People)
        {
            var channels = new List<NotificationChannel>();
            foreach (var channel in tier.Channels)
            {
                var request = new OutboxRequest(job.FenceKey, incident.Id, run.Id, person.PersonId, person.PersonName, channel,
                    run.TeamId is null ? TemplateKeys.TierPage : TemplateKeys.Level2Page);
                if (await outbox.EnqueueAsync(request, ct) is not null)
                {
                    channels.Add(channel);
                }
            }
            if (channels.Count > 0)
            {
                paged.Add($"{person.PersonName} ({person.Via}) by {string.Join(", ", channels)}");
            }
        }

        var posted = new List<string>();
        // A chat channel the tier names gets one post, whatever the tier's channels: it is a place, not a person to page.
        foreach (var target in tier.Targets.Where(t => t.Kind == TargetKind.ChatChannel))
        {
            var channel = await db.ChatChannels.AsNoTracking().Where(c => c.Id == target.Id).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
            if (channel is null)
            {
                timeline.Append(incident.Id, TargetTimelineKinds.TargetSkipped, $"{label}: skipped a chat channel that no longer exists.", "engine");
                continue;
            }
            outbox.EnqueueToChatChannel(job.FenceKey, incident.Id, channel.Id, TemplateKeys.ChannelPost, run.Id, run.TeamId);
            posted.Add(TargetNames.ChannelName(channel.Name));
        }

        var reached = paged.Count + posted.Count;
        var wait = EscalationSteps.WaitAfter(tier, reachedAnyone: reached > 0);
        var (next, nextText) = ScheduleNext(run, job, now + wait);
        if (reached == 0)
        {
            timeline.Append(incident.Id, EscalationTimelineKinds.TierSkipped, $"{label} reached nobody; {nextText} now.", "engine");
        }
        else
        {
            var done = string.Join("; ", new[] { paged.Count > 0 ? $"paged {string.Join("; ", paged)}" : null, posted.Count > 0 ? $"posted to {string.Join(" and ", posted)}" : null }
                .OfType<string>());
            timeline.Append(incident.Id, run.TeamId is null ? EscalationTimelineKinds.Paged : EscalationTimelineKinds.TeamPaged,
                $"{label}: {done}. Without an acknowledgement, {nextText} at {now + wait:HH:mm:ss} UTC.", "engine");
        }
        run.Paged(job.Cycle, job.Tier, now, next.DueAt);
        return reached == 0 ? "tier reached nobody" : posted.Count == 0 ? $"paged {paged.Count}" : $"paged {paged.Count}, posted to {posted.Count} chat channel(s)";
    }

    public async Task<string> ExhaustAsync(EngineJob job, CancellationToken ct)
    {
        var run = job.EscalationRunId is { } runId ? await db.EscalationRuns.FindAsync([runId], ct) : null;
        if (run is null || !run.IsActive)
        {
            return "nothing to do: the escalation has ended";
        }
        run.Exhaust(time.GetUtcNow());
        if (await db.Incidents.AsNoTracking().AnyAsync(i => i.Id == job.IncidentId && i.IsDrill, ct))
        {
            // A drill that reaches its end is done, not a failure: nobody beyond its policy is alarmed.
            timeline.Append(job.IncidentId, EscalationTimelineKinds.DrillEnded,
                $"Drill ended: every tier of '{run.Policy.Name}' was paged and each person answered or their tier's wait ran out. The drill report is ready.", "engine");
            return "drill ended";
        }
        var times = run.Policy.RepeatCount + 1;
        var alerted = await AlarmAsync(job, ct);
        timeline.Append(job.IncidentId, EscalationTimelineKinds.EscalationExhausted,
            $"{await LabelAsync(run, null, ct)}: nobody acknowledged after every tier of '{run.Policy.Name}' was paged {times} time(s). Escalate by hand. "
            + (alerted.Count == 0 ? "There is no help desk team or service-area manager to alert." : $"Alerted by every channel they have: {string.Join("; ", alerted)}."), "engine");
        return "exhausted";
    }

    /// <summary>Channels an alarm goes out on, for everyone who has them.</summary>
    private static readonly NotificationChannel[] AlarmChannels = [NotificationChannel.Voice, NotificationChannel.Sms, NotificationChannel.Email, NotificationChannel.Chat];

    /// <summary>
    /// An escalation that reached nobody is loud: the Level 1 help desk (its members and its mailbox) and the manager of the
    /// incident's service area are alerted by every channel they have, so someone calls the Severity 1 contacts by hand.
    /// </summary>
    private async Task<List<string>> AlarmAsync(EngineJob job, CancellationToken ct)
    {
        var incident = await db.Incidents.FindAsync([job.IncidentId], ct);
        if (incident is null)
        {
            return [];
        }
        var helpDesks = await db.Teams.AsNoTracking().Where(t => t.Kind == Directory.Teams.TeamKind.HelpDesk).Select(t => new { t.Id, t.Name, t.Email }).ToListAsync(ct);
        List<EscalationTarget> targets = [.. helpDesks.Select(t => new EscalationTarget(TargetKind.Team, t.Id)), new EscalationTarget(TargetKind.ServiceAreaManager)];
        var resolution = await resolver.ResolveAsync(targets, new TargetContext(incident.ServiceId, incident.IncidentManagerId, time.GetUtcNow()), ct);
        var people = resolution.People.DistinctBy(p => p.PersonId).ToList();
        var ids = people.Select(p => p.PersonId).ToList();
        var methods = await db.ContactMethods.AsNoTracking().Where(m => ids.Contains(m.PersonId)).ToListAsync(ct);
        var alerted = new List<string>();
        foreach (var person in people)
        {
            var channels = new List<NotificationChannel>();
            foreach (var channel in AlarmChannels.Where(c => methods.Any(m => m.PersonId == person.PersonId && c.Carries(m))))
            {
                var request = new OutboxRequest($"{job.FenceKey}:alarm", incident.Id, null, person.PersonId, person.PersonName, channel, TemplateKeys.EscalationExhausted);
                if (await outbox.EnqueueAsync(request, ct) is not null)
                {
                    channels.Add(channel);
                }
            }
            if (channels.Count > 0)
            {
                alerted.Add($"{person.PersonName} ({person.Via}) by {string.Join(", ", channels)}");
            }
        }
        foreach (var team in helpDesks.Where(t => t.Email is not null))
        {
            outbox.EnqueueToMailbox($"{job.FenceKey}:alarm", incident.Id, team.Id, team.Email!, TemplateKeys.EscalationExhausted);
            alerted.Add($"the {team.Name} mailbox");
        }
        return alerted;
    }

    private (EngineJob Next, string Text) ScheduleNext(EscalationRun run, EngineJob job, DateTimeOffset dueAt)
    {
        var now = time.GetUtcNow();
        var step = EscalationSteps.After(run.Policy, new EscalationStep(job.Cycle, job.Tier));
        var next = step is { } following
            ? StepJob(run, following.Cycle, following.Tier, dueAt, now)
            : new EngineJob($"run:{run.Id:N}:exhausted", EscalationJobKinds.Exhausted, run.IncidentId, run.Id, job.Cycle, job.Tier, dueAt, now);
        db.EngineJobs.Add(next);
        return (next, EscalationSteps.Describe(run.Policy, step));
    }

    public static EngineJob StepJob(EscalationRun run, int cycle, int tier, DateTimeOffset dueAt, DateTimeOffset now) =>
        new($"run:{run.Id:N}:c{cycle}:t{tier}", EscalationJobKinds.Step, run.IncidentId, run.Id, cycle, tier, dueAt, now);

    private async Task<string> LabelAsync(EscalationRun run, EngineJob? job, CancellationToken ct)
    {
        var owner = run.TeamId is { } teamId
            ? $"Level 2 {await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "team"}"
            : "Escalation";
        if (job is null)
        {
            return owner;
        }
        var repeat = job.Cycle > 0 ? $", repeat {job.Cycle}" : "";
        return $"{owner} tier {job.Tier + 1} of {run.Policy.Tiers.Count}{repeat}";
    }
}
