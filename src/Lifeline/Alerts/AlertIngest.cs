using System.Globalization;
using Lifeline.Access;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// What an event does, whichever door it came through: a trigger opens or counts an alert and puts it on an incident
/// (joining the service's open group, or opening an incident through <see cref="IncidentService"/> like anyone else);
/// an acknowledge acknowledges the alert and its incident; a resolve closes the alert and, when it was the incident's
/// last open alert, resolves the incident (unless the service says not to, or a person said to keep it open).
/// One event is one transaction: it is answered only after everything it changed is committed.
/// </summary>
public sealed class AlertIngest(LifelineDbContext db, IncidentService incidents, IncidentTimeline timeline, AlertSeverityMapper severities,
    MaintenanceWindows maintenance, TimeProvider time, ILogger<AlertIngest> logger)
{
    /// <summary>The channel monitoring acknowledges and resolves through; reports tell these acknowledgements from people's by it.</summary>
    public const string Channel = "monitoring";

    /// <summary>One event from a tool with an integration key, in a transaction of its own.</summary>
    public Task<AlertEventAccepted> ProcessAsync(IntegrationKey key, AlertEvent e, CancellationToken ct) =>
        InTransactionAsync(() => ApplyAsync(key.ServiceId, key.Id, $"monitoring ({key.Name})", e, ct), ct);

    /// <summary>
    /// Several events in one transaction (<see cref="AlertGroupCommit"/>), each as <see cref="ApplyAsync"/> would apply it on
    /// its own, in the order given; the answers in the same order. In a storm nearly every event repeats an open alert:
    /// those are found, locked and given their incident's number with one query for the whole batch, counted in memory and
    /// saved with the batch's other changes. Anything else (a new
    /// alert, an acknowledgement, a resolve) goes through <see cref="ApplyAsync"/> and is saved at once in the transaction,
    /// so the events after it find what it did. The events' integration keys are read again in the transaction: an event
    /// whose key was revoked or expired since the door let it in (<see cref="IntegrationKeyCache"/>) changes nothing, and
    /// its answer is null.
    /// </summary>
    public async Task<IReadOnlyList<AlertEventAccepted?>> ProcessBatchAsync(IReadOnlyList<KeyedAlertEvent> events, CancellationToken ct)
    {
        var (answers, used) = await InTransactionAsync(() => ApplyBatchAsync(events, ct), ct);
        // Last use is recorded at most once a minute a key, after the commit and one key a statement: no row lock on a
        // key is held by a batch, so two instances' batches never wait on each other for it.
        foreach (var keyId in used)
        {
            await db.Set<IntegrationKey>().Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, time.GetUtcNow()), ct);
        }
        return answers;
    }

    private async Task<(IReadOnlyList<AlertEventAccepted?> Answers, IReadOnlyList<Guid> UsedKeys)> ApplyBatchAsync(IReadOnlyList<KeyedAlertEvent> events, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var keyIds = events.Select(x => x.Key.Id).Distinct().ToList();
        var keys = await db.Set<IntegrationKey>().AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, ct);
        var active = keys.Values.Where(k => k.IsActive(now)).Select(k => k.Id).ToHashSet();
        var used = keys.Values.Where(k => active.Contains(k.Id) && (k.LastUsedAt is null || now - k.LastUsedAt > TimeSpan.FromMinutes(1))).Select(k => k.Id).ToList();
        var dedupKeys = events.Select(x => x.Event.DedupKey).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var serviceIds = events.Select(x => x.Key.ServiceId).Distinct().ToArray();
        var open = dedupKeys.Length == 0 ? [] : await OpenAlertsAsync(dedupKeys, serviceIds, ct);
        // Several alerts share an incident: its number once.
        var numbers = open.Where(o => o.Alert.IncidentId is not null).DistinctBy(o => o.Alert.IncidentId).ToDictionary(o => o.Alert.IncidentId!.Value, o => o.Number);
        var openByKey = open.ToDictionary(o => (o.Alert.ServiceId, o.Alert.OpenDedupKey!), o => o.Alert);
        var answers = new AlertEventAccepted?[events.Count];
        var repeated = new (Alert Alert, AlertStatus Status)?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (key, e) = events[i];
            if (!active.Contains(key.Id))
            {
                continue;
            }
            if (e is { Action: AlertAction.Trigger, DedupKey: { } dedup } && openByKey.TryGetValue((key.ServiceId, dedup), out var alert))
            {
                alert.Repeat(e, now);
                alert.Counted();
                repeated[i] = (alert, alert.Status);
                continue;
            }
            answers[i] = await ApplyAsync(key.ServiceId, key.Id, $"monitoring ({key.Name})", e, ct);
            await db.SaveChangesAsync(ct);
            if (e.DedupKey is { } changed)
            {
                // What the event did to its key: a new open alert to repeat, or none open any more.
                openByKey.Remove((key.ServiceId, changed));
                if (db.Set<Alert>().Local.FirstOrDefault(a => a.Id == answers[i]!.AlertId) is { } touched && touched.OpenDedupKey == changed)
                {
                    openByKey[(key.ServiceId, changed)] = touched;
                    if (touched.IncidentId is { } incidentId)
                    {
                        numbers[incidentId] = answers[i]!.IncidentNumber;
                    }
                }
            }
        }
        return (answers.Select((answer, i) => answer ?? (repeated[i] is var (a, status)
            ? new AlertEventAccepted(a.DedupKey, a.Id, status, a.IncidentId is { } id ? numbers.GetValueOrDefault(id) : null)
            : active.Contains(events[i].Key.Id) ? throw new InvalidOperationException("An event of the batch was not applied.") : null)).ToList(), used);
    }

    /// <summary>
    /// The open alerts with these dedup keys on these services, tracked, each with its incident's number, in one query.
    /// Their counts are raised in memory and saved with the batch, so no other writer may change them in between: on
    /// PostgreSQL the rows are locked as they are read (FOR UPDATE, in the order of their ids, so two instances' batches
    /// take the locks in one order); on SQLite the transaction already is the only writer.
    /// </summary>
    private async Task<List<(Alert Alert, string? Number)>> OpenAlertsAsync(string[] dedupKeys, Guid[] serviceIds, CancellationToken ct)
    {
        var alerts = db.Provider == DatabaseProvider.Postgres
            ? db.Set<Alert>().FromSql($"""
                SELECT * FROM "Alerts" WHERE "OpenDedupKey" = ANY({dedupKeys}) AND "ServiceId" = ANY({serviceIds}) ORDER BY "Id" FOR UPDATE
                """)
            : db.Set<Alert>().Where(a => a.OpenDedupKey != null && dedupKeys.Contains(a.OpenDedupKey) && serviceIds.Contains(a.ServiceId));
        var read = await alerts
            .Select(a => new { Alert = a, Number = db.Incidents.Where(i => i.Id == a.IncidentId).Select(i => i.Number).FirstOrDefault() })
            .ToListAsync(ct);
        return read.Select(r => (r.Alert, (string?)r.Number)).ToList();
    }

    /// <summary>
    /// Runs <paramref name="work"/> (which may call <see cref="ApplyAsync"/>) in one transaction, saved and committed
    /// before it returns, and again from what is committed when it lost a race with another event.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(async () =>
                {
                    // A retried attempt starts from what is committed, not from the tracked state of the failed one.
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var result = await work();
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                });
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another event won a race this one was in (the same dedup key triggered twice at once, or two first
                // alerts of a service): its alert or incident is committed now, and applying this event again finds it.
                logger.LogInformation("Alert work lost a race (attempt {Attempt}); applying it again", attempt);
            }
        }
    }

    /// <summary>
    /// Applies an event in the caller's unit of work (an engine job's, or <see cref="InTransactionAsync{T}"/>'s): what the
    /// caller commits. <paramref name="integrationKeyId"/> is null for Lifeline's own alerts (a missed heartbeat).
    /// </summary>
    public async Task<AlertEventAccepted> ApplyAsync(Guid serviceId, Guid? integrationKeyId, string actorName, AlertEvent e, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var actor = Actor.System(actorName);
        var open = e.DedupKey is { } dedup
            ? await db.Set<Alert>().FirstOrDefaultAsync(a => a.ServiceId == serviceId && a.OpenDedupKey == dedup, ct)
            : null;
        switch (e.Action)
        {
            case AlertAction.Trigger when open is not null:
                open.Repeat(e, now);
                // The count is raised in the database, not written back from what this transaction read: two repeats of
                // one key at once on PostgreSQL would otherwise both write the same count, and one event would be lost
                // from it. The UPDATE waits for the other's row lock and adds to its committed count.
                await db.Set<Alert>().Where(a => a.Id == open.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Count, a => a.Count + 1), ct);
                return await AcceptedAsync(open, ct);
            case AlertAction.Trigger:
                var alert = Alert.Trigger(serviceId, integrationKeyId, e.DedupKey ?? Guid.NewGuid().ToString("N"), e, now);
                db.Add(alert);
                await AttachAsync(alert, actor, now, ct);
                return await AcceptedAsync(alert, ct);
            case AlertAction.Acknowledge when open is not null:
                open.Acknowledge(now);
                await AcknowledgeIncidentAsync(open, actor, ct);
                return await AcceptedAsync(open, ct);
            case AlertAction.Resolve when open is not null:
                open.Resolve(now);
                await ResolveIncidentAsync(open, actor, now, ct);
                return await AcceptedAsync(open, ct);
            default:
                // As PagerDuty does: an acknowledge or resolve for no open alert is accepted and dropped.
                return new AlertEventAccepted(e.DedupKey!, null, null, null);
        }
    }

    /// <summary>
    /// A maintenance window ended: the alerts it silenced that still fire get their incident now, in the order they came.
    /// Saved one by one in the caller's transaction, so the second finds the group the first opened.
    /// </summary>
    public async Task<int> AttachSilencedAsync(Guid? serviceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var silenced = await db.Set<Alert>().Where(a => a.IncidentId == null && a.ResolvedAt == null && (serviceId == null || a.ServiceId == serviceId))
            .OrderBy(a => a.FirstSeenAt).ThenBy(a => a.Id).ToListAsync(ct);
        var attached = 0;
        foreach (var alert in silenced)
        {
            await AttachAsync(alert, Actor.System("maintenance window"), now, ct);
            await db.SaveChangesAsync(ct);
            attached += alert.IncidentId is null ? 0 : 1;
        }
        return attached;
    }

    /// <summary>Puts a new alert on the service's open incident, or opens one.</summary>
    private async Task AttachAsync(Alert alert, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await maintenance.CoversAsync(alert.ServiceId, now, ct))
        {
            // Recorded, paging nobody: the window's end gives it an incident if it still fires then.
            return;
        }
        var settings = await SettingsAsync(alert.ServiceId, ct);
        var group = await db.Set<AlertGroup>().FirstOrDefaultAsync(g => g.OpenForServiceId == alert.ServiceId, ct);
        if (group is not null)
        {
            var status = await db.Incidents.Where(i => i.Id == group.IncidentId).Select(i => i.Status).FirstAsync(ct);
            if (group.Takes(now, settings.GroupWindow) && IncidentLifecycle.IsActive(status))
            {
                group.Add(now);
                alert.BelongTo(group.IncidentId);
                timeline.Append(group.IncidentId, AlertTimelineKinds.AlertTriggered, Describe("Alert", alert), actor.Name);
                return;
            }
            // Past the window, or the incident is no longer worked on: the next incident gets its own group. Saved
            // first, so the new group can take the service's slot in the unique index.
            group.Close();
            await db.SaveChangesAsync(ct);
        }

        var mapping = await severities.MapAsync(alert.ServiceId, alert, ct);
        var title = OneLine(alert.Summary, 200);
        var description = $"{OneLine(alert.Source, 255)}: {alert.Summary}\nSeverity from {mapping.Reason}.";
        var outcome = await incidents.OpenAsync(new OpenIncidentRequest(title, description, alert.ServiceId, null, null, null,
            mapping.Severity, null, mapping.Scope, mapping.State, null, false, null, null), actor, ct);
        var incident = Succeeded(outcome);
        alert.BelongTo(incident.Id);
        db.Add(new AlertGroup(alert.ServiceId, incident.Id, now));
        timeline.Append(incident.Id, AlertTimelineKinds.AlertTriggered, Describe("Alert", alert), actor.Name);
    }

    private async Task AcknowledgeIncidentAsync(Alert alert, Actor actor, CancellationToken ct)
    {
        if (alert.IncidentId is not { } incidentId)
        {
            return;
        }
        timeline.Append(incidentId, AlertTimelineKinds.AlertAcknowledged, Describe("Alert acknowledged by the monitoring tool", alert), actor.Name);
        // An anonymous type, not a tuple: Npgsql reads a projected tuple as a PostgreSQL record, which it refuses.
        var incident = await db.Incidents.Where(i => i.Id == incidentId).Select(i => new { i.Number, i.Status }).FirstAsync(ct);
        var (number, status) = (incident.Number, incident.Status);
        if (IncidentLifecycle.CanMove(status, IncidentStatus.Acknowledged))
        {
            Succeeded(await incidents.AcknowledgeAsync(number, null, actor, Channel, ct));
        }
    }

    private async Task ResolveIncidentAsync(Alert alert, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (alert.IncidentId is not { } incidentId)
        {
            return;
        }
        timeline.Append(incidentId, AlertTimelineKinds.AlertResolved, Describe("Alert resolved", alert), actor.Name);
        if (await db.Set<Alert>().AnyAsync(a => a.IncidentId == incidentId && a.Id != alert.Id && a.ResolvedAt == null, ct))
        {
            return;
        }
        var settings = await SettingsAsync(alert.ServiceId, ct);
        var group = await db.Set<AlertGroup>().FirstOrDefaultAsync(g => g.IncidentId == incidentId, ct);
        // An anonymous type, not a tuple: Npgsql reads a projected tuple as a PostgreSQL record, which it refuses.
        var incident = await db.Incidents.Where(i => i.Id == incidentId).Select(i => new { i.Number, i.Status }).FirstAsync(ct);
        var (number, status) = (incident.Number, incident.Status);
        if (!settings.AutoResolve || !IncidentLifecycle.IsActive(status))
        {
            return;
        }
        if (group?.KeptOpenBy is { } keeper)
        {
            timeline.Append(incidentId, AlertTimelineKinds.KeptOpen, $"All alerts resolved; the incident stays open because {keeper} said to keep it open.", actor.Name);
            return;
        }
        group?.Close();
        // An escalating incident is acknowledged first: the lifecycle lets people resolve only what someone has
        // acknowledged, and the timeline then says plainly that monitoring, not a person, did both.
        if (status == IncidentStatus.Escalating)
        {
            Succeeded(await incidents.AcknowledgeAsync(number, null, actor, Channel, ct));
        }
        Succeeded(await incidents.ResolveAsync(number, $"All its alerts resolved by {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.", actor, ct));
    }

    private async Task<ServiceAlertSettings> SettingsAsync(Guid serviceId, CancellationToken ct) =>
        await db.Set<ServiceAlertSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ServiceId == serviceId, ct)
        ?? new ServiceAlertSettings(serviceId, (int)ServiceAlertSettings.DefaultGroupWindow.TotalMinutes, ServiceAlertSettings.DefaultAutoResolve);

    private async Task<AlertEventAccepted> AcceptedAsync(Alert alert, CancellationToken ct)
    {
        var number = alert.IncidentId is { } id ? await db.Incidents.Where(i => i.Id == id).Select(i => i.Number).FirstOrDefaultAsync(ct) : null;
        return new AlertEventAccepted(alert.DedupKey, alert.Id, alert.Status, number);
    }

    /// <summary>
    /// The incident of a successful operation. A concurrent change to the same incident is retried as a lost race;
    /// anything else is a mistake here, not in the event, since the event was validated before.
    /// </summary>
    private static Incident Succeeded(IncidentOutcome outcome) => outcome switch
    {
        { Incident: { } incident } => incident,
        { Failure.Status: StatusCodes.Status409Conflict } => throw new DbUpdateConcurrencyException(outcome.Failure.Detail),
        _ => throw new InvalidOperationException($"The incident operation failed: {outcome.Failure?.Detail}"),
    };

    private static string Describe(string what, Alert alert) =>
        $"{what}: {OneLine(alert.Summary, 300)} (source {OneLine(alert.Source, 100)}, severity {alert.Severity}, dedup key {OneLine(alert.DedupKey, 100)}).";

    /// <summary>Monitoring text on one line, as incident titles must be (line breaks would write lines of their own into SMS).</summary>
    private static string OneLine(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => !char.IsControl(c)).ToArray())).Where(w => w.Length > 0));
        if (line.Length <= max)
        {
            return line;
        }
        // Never between the two halves of an emoji: PostgreSQL refuses the lone surrogate (the event would be a 500).
        var cut = char.IsHighSurrogate(line[max - 2]) ? max - 2 : max - 1;
        return line[..cut] + "…";
    }
}
