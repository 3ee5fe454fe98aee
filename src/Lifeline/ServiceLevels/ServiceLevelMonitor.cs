using Lifeline.Engine;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.ServiceLevels;

/// <summary>
/// Watches the severity's targets: judges the acknowledge and resolve targets (a <see cref="ServiceLevelResult"/> and a
/// timeline entry, met or breached) when the incident is acknowledged or resolved, or when the target passes unmet; and
/// reminds the incident manager when no status update was posted within the update interval (then keeps reminding every
/// interval). Targets are judged on when things happened: for an incident entered from a manual log, the times in the
/// log, so a breach recorded before the acknowledgement was typed in is judged again when it is.
/// </summary>
public sealed class ServiceLevelMonitor(LifelineDbContext db, NotificationOutbox outbox, IncidentTimeline timeline, BreachNotifier breaches, TimeProvider time) : IIncidentObserver
{
    public async Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        if (incident.IsDrill)
        {
            // A drill is not a real incident: it has no service-level targets and never counts in their results.
            return;
        }
        switch (change.Kind)
        {
            case IncidentChangeKind.Opened:
                await ScheduleAsync(incident, ct);
                break;
            case IncidentChangeKind.SeverityChanged:
                await RescheduleAsync(incident, ct);
                break;
            case IncidentChangeKind.Acknowledged when incident.AcknowledgedAt is { } acknowledged:
                await JudgeAsync(incident, ServiceLevelTarget.Acknowledge, acknowledged, ct);
                break;
            case IncidentChangeKind.Resolved when incident.ResolvedAt is { } resolved:
                await JudgeAsync(incident, ServiceLevelTarget.Resolve, resolved, ct);
                break;
            case IncidentChangeKind.Reopened:
                await ReopenAsync(incident, ct);
                break;
            case IncidentChangeKind.StatusUpdatePosted when incident.StatusUpdates.OrderByDescending(u => u.PostedAt).FirstOrDefault() is { } update:
                await RestartUpdateClockAsync(incident, update.Id, ct);
                break;
        }
    }

    /// <summary>Schedules the acknowledge, resolve and first update checks for a newly opened incident.</summary>
    public Task ScheduleAsync(Incident incident, CancellationToken ct) => ScheduleAsync(incident, "opened", ct);

    /// <summary>
    /// A new severity brings new targets, measured from when the incident was opened: the pending
    /// checks of the old severity are dropped and the new ones scheduled.
    /// </summary>
    public async Task RescheduleAsync(Incident incident, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await db.EngineJobs.Where(j => j.IncidentId == incident.Id && j.DoneAt == null && j.EscalationRunId == null
            && (j.Kind == ServiceLevelJobKinds.AcknowledgeTarget || j.Kind == ServiceLevelJobKinds.ResolveTarget || j.Kind == ServiceLevelJobKinds.UpdateDue)).ToListAsync(ct);
        pending.ForEach(j => j.Complete(now, $"severity changed to {incident.Severity}"));
        // A breach of the old severity's target that has not been made good is judged again against the new target.
        db.ServiceLevelResults.RemoveRange(await db.ServiceLevelResults.Where(r => r.IncidentId == incident.Id && r.AchievedAt == null).ToListAsync(ct));
        // The stamp keeps fence keys unique when the severity goes back and forth (1, 2, then 1 again).
        await ScheduleAsync(incident, $"s{incident.Severity}-{now.UtcTicks}", ct);
    }

    private async Task ScheduleAsync(Incident incident, string stamp, CancellationToken ct)
    {
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        if (level is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (incident.AcknowledgedAt is null)
        {
            db.EngineJobs.Add(new EngineJob($"sla:{incident.Id:N}:ack:{stamp}", ServiceLevelJobKinds.AcknowledgeTarget, incident.Id, null, 0, 0, incident.OpenedAt + level.TimeToAcknowledge, now));
        }
        if (incident.ResolvedAt is null)
        {
            db.EngineJobs.Add(new EngineJob($"sla:{incident.Id:N}:resolve:{stamp}", ServiceLevelJobKinds.ResolveTarget, incident.Id, null, 0, 0, incident.OpenedAt + level.TimeToResolve, now));
        }
        var lastUpdate = incident.StatusUpdates.Count == 0 ? incident.OpenedAt : incident.StatusUpdates.Max(u => u.PostedAt);
        // An incident entered from a manual log gets a whole interval from now before the first reminder: the gap in its
        // updates was on paper, and a reminder the moment it is typed in tells nobody anything.
        var firstReminder = incident.ManualLogId is null ? Later(lastUpdate + level.StatusUpdateInterval, now) : now + level.StatusUpdateInterval;
        db.EngineJobs.Add(UpdateJob(incident.Id, stamp, 0, firstReminder, now));
    }

    /// <summary>
    /// Judges a target on the moment it was achieved. A target already judged as breached before it was achieved (the due
    /// time passed first, or the acknowledgement was typed in from a manual log afterwards) is judged again.
    /// </summary>
    private async Task JudgeAsync(Incident incident, ServiceLevelTarget target, DateTimeOffset achievedAt, CancellationToken ct)
    {
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        if (level is null)
        {
            return;
        }
        var result = await db.ServiceLevelResults.FirstOrDefaultAsync(r => r.IncidentId == incident.Id && r.Target == target, ct);
        var breachedBefore = result is { Outcome: ServiceLevelOutcome.Breached, AchievedAt: null };
        if (result is null)
        {
            var allowed = target == ServiceLevelTarget.Acknowledge ? level.TimeToAcknowledge : level.TimeToResolve;
            result = new ServiceLevelResult(incident.Id, target, incident.Severity, incident.OpenedAt + allowed);
            db.ServiceLevelResults.Add(result);
        }
        else if (result.AchievedAt is not null)
        {
            return; // judged on an earlier acknowledgement or resolution; a second one changes nothing
        }
        result.Judge(achievedAt, time.GetUtcNow());
        var verb = target == ServiceLevelTarget.Acknowledge ? "Acknowledged" : "Resolved";
        var took = Minutes(achievedAt - incident.OpenedAt);
        var limit = Minutes(result.DueAt - incident.OpenedAt);
        var text = result.Outcome == ServiceLevelOutcome.Met
            ? $"{verb} in {took} minutes: the Severity {result.Severity} target of {limit} minutes was met."
              + (breachedBefore ? " (Judged again on the time entered from the manual log: the breach recorded earlier does not stand.)" : "")
            : $"{verb} in {took} minutes: {took - limit} minutes past the Severity {result.Severity} target of {limit} minutes.";
        timeline.Append(incident.Id, result.Outcome == ServiceLevelOutcome.Met ? ServiceLevelTimelineKinds.TargetMet : ServiceLevelTimelineKinds.TargetBreached,
            text, "engine", achievedAt, fromManualLog: incident.ManualLogId is not null);
        if (result.Outcome == ServiceLevelOutcome.Breached && !breachedBefore)
        {
            // Achieved late before the due-time check ran: a breach nobody has heard of yet. One recorded earlier was told then.
            await breaches.NotifyAsync(incident, result, text, ct);
        }
    }

    /// <summary>A reopened incident is not resolved any more: its resolve target is judged again when it is.</summary>
    private async Task ReopenAsync(Incident incident, CancellationToken ct)
    {
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        db.ServiceLevelResults.RemoveRange(await db.ServiceLevelResults.Where(r => r.IncidentId == incident.Id && r.Target == ServiceLevelTarget.Resolve).ToListAsync(ct));
        if (level is not null)
        {
            var now = time.GetUtcNow();
            db.EngineJobs.Add(new EngineJob($"sla:{incident.Id:N}:resolve:reopened-{now.UtcTicks}", ServiceLevelJobKinds.ResolveTarget, incident.Id, null, 0, 0,
                incident.OpenedAt + level.TimeToResolve, now));
        }
    }

    private static int Minutes(TimeSpan span) => (int)Math.Round(span.TotalMinutes);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>A status update restarts the update clock.</summary>
    public async Task RestartUpdateClockAsync(Incident incident, Guid statusUpdateId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await db.EngineJobs.Where(j => j.IncidentId == incident.Id && j.Kind == ServiceLevelJobKinds.UpdateDue && j.DoneAt == null).ToListAsync(ct);
        pending.ForEach(j => j.Complete(now, "superseded by a status update"));
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        if (level is not null)
        {
            db.EngineJobs.Add(UpdateJob(incident.Id, statusUpdateId.ToString("N"), 0, now + level.StatusUpdateInterval, now));
        }
    }

    public async Task<string> CheckTargetAsync(EngineJob job, CancellationToken ct)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == job.IncidentId, ct);
        if (incident is null)
        {
            return "incident gone";
        }
        var target = job.Kind == ServiceLevelJobKinds.AcknowledgeTarget ? ServiceLevelTarget.Acknowledge : ServiceLevelTarget.Resolve;
        var (what, achievedAt) = target == ServiceLevelTarget.Acknowledge ? ("acknowledge", incident.AcknowledgedAt) : ("resolve", incident.ResolvedAt);
        if (await db.ServiceLevelResults.AnyAsync(r => r.IncidentId == incident.Id && r.Target == target, ct))
        {
            return $"{what} target already judged";
        }
        if (achievedAt is not null)
        {
            await JudgeAsync(incident, target, achievedAt.Value, ct);
            return $"{what} target judged";
        }
        if (incident.Status == IncidentStatus.Closed)
        {
            return "incident closed";
        }
        var result = new ServiceLevelResult(incident.Id, target, incident.Severity, job.DueAt);
        result.Judge(null, time.GetUtcNow());
        db.ServiceLevelResults.Add(result);
        var breach = $"The Severity {incident.Severity} target to {what} within {Minutes(job.DueAt - incident.OpenedAt)} minutes passed at {job.DueAt:HH:mm} UTC without it.";
        timeline.Append(incident.Id, ServiceLevelTimelineKinds.TargetBreached, breach, "engine", job.DueAt);
        await breaches.NotifyAsync(incident, result, breach, ct);
        return $"{what} target breached";
    }

    public async Task<string> CheckUpdateAsync(EngineJob job, CancellationToken ct)
    {
        var incident = await db.Incidents.Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Id == job.IncidentId, ct);
        if (incident is null || incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            return "no update needed";
        }
        var now = time.GetUtcNow();
        // The interval is the severity's, not the job's own span, which is shorter when the job was put off or brought forward.
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        var interval = level is { StatusUpdateInterval.Ticks: > 0 } ? level.StatusUpdateInterval : TimeSpan.FromHours(1);
        var key = job.FenceKey.Split(':')[2];
        db.EngineJobs.Add(UpdateJob(incident.Id, key, job.Cycle + 1, now + interval, now));

        var since = incident.StatusUpdates.Count == 0 ? incident.OpenedAt : incident.StatusUpdates.Max(u => u.PostedAt);
        var text = $"No status update for {Minutes(now - since)} minutes (Severity {incident.Severity} asks for one every {Minutes(interval)}).";
        if (incident.IncidentManagerId is not { } managerId)
        {
            timeline.Append(incident.Id, ServiceLevelTimelineKinds.UpdateReminder, text + " No incident manager is named to remind.", "engine");
            return "update overdue; nobody to remind";
        }
        var name = await db.People.Where(p => p.Id == managerId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "the incident manager";
        var sent = new List<NotificationChannel>();
        foreach (var channel in new[] { NotificationChannel.Sms, NotificationChannel.Email })
        {
            if (await outbox.EnqueueAsync(new OutboxRequest(job.FenceKey, incident.Id, null, managerId, name, channel, TemplateKeys.UpdateReminder), ct) is not null)
            {
                sent.Add(channel);
            }
        }
        timeline.Append(incident.Id, ServiceLevelTimelineKinds.UpdateReminder, $"{text} Reminded {name} by {string.Join(", ", sent)}.", "engine");
        return "reminded the incident manager";
    }

    private static EngineJob UpdateJob(Guid incidentId, string since, int reminder, DateTimeOffset dueAt, DateTimeOffset now) =>
        new($"update:{incidentId:N}:{since}:r{reminder}", ServiceLevelJobKinds.UpdateDue, incidentId, null, reminder, 0, dueAt, now);
}
