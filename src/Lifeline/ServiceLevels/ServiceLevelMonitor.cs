using Lifeline.Engine;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.ServiceLevels;

/// <summary>
/// Watches the severity's targets: records a breach on the timeline when the acknowledge or
/// resolve target passes unmet, and reminds the incident manager when no status update was posted
/// within the update interval (then keeps reminding every interval).
/// </summary>
public sealed class ServiceLevelMonitor(LifelineDbContext db, NotificationOutbox outbox, IncidentTimeline timeline, TimeProvider time) : IIncidentObserver
{
    public async Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        switch (change.Kind)
        {
            case IncidentChangeKind.Opened:
                await ScheduleAsync(incident, ct);
                break;
            case IncidentChangeKind.SeverityChanged:
                await RescheduleAsync(incident, ct);
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
        db.EngineJobs.Add(new EngineJob($"sla:{incident.Id:N}:resolve:{stamp}", ServiceLevelJobKinds.ResolveTarget, incident.Id, null, 0, 0, incident.OpenedAt + level.TimeToResolve, now));
        var lastUpdate = incident.StatusUpdates.Count == 0 ? incident.OpenedAt : incident.StatusUpdates.Max(u => u.PostedAt);
        db.EngineJobs.Add(UpdateJob(incident.Id, stamp, 0, Later(lastUpdate + level.StatusUpdateInterval, now), now));
    }

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
        var (what, metAt) = job.Kind == ServiceLevelJobKinds.AcknowledgeTarget ? ("acknowledge", incident.AcknowledgedAt) : ("resolve", incident.ResolvedAt);
        if (metAt is not null && metAt <= job.DueAt)
        {
            return $"{what} target met";
        }
        if (incident.Status == IncidentStatus.Closed)
        {
            return "incident closed";
        }
        var minutes = (int)Math.Round((job.DueAt - incident.OpenedAt).TotalMinutes);
        timeline.Append(incident.Id, ServiceLevelTimelineKinds.TargetBreached,
            $"The Severity {incident.Severity} target to {what} within {minutes} minutes passed at {job.DueAt:HH:mm} UTC without it.", "engine", job.DueAt);
        return $"{what} target breached";
    }

    public async Task<string> CheckUpdateAsync(EngineJob job, CancellationToken ct)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == job.IncidentId, ct);
        if (incident is null || incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            return "no update needed";
        }
        var now = time.GetUtcNow();
        var interval = job.DueAt - job.CreatedAt;
        var key = job.FenceKey.Split(':')[2];
        db.EngineJobs.Add(UpdateJob(incident.Id, key, job.Cycle + 1, now + (interval > TimeSpan.Zero ? interval : TimeSpan.FromHours(1)), now));

        var text = $"No status update for {(int)Math.Round(interval.TotalMinutes)} minutes (Severity {incident.Severity} asks for one every {(int)Math.Round(interval.TotalMinutes)}).";
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
