using System.Globalization;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Auditing;
using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>Heartbeat monitors: made and removed by admins (audited), beaten by the jobs they watch.</summary>
public sealed class HeartbeatMonitors(LifelineDbContext db, AlertIngest ingest, TimeProvider time)
{
    public const string DeadlineJobKind = "HeartbeatDeadline";

    public async Task<Outcome<IReadOnlyList<HeartbeatMonitorView>>> ListAsync(Guid serviceId, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        var monitors = await db.Set<HeartbeatMonitor>().AsNoTracking().Where(m => m.ServiceId == serviceId).OrderBy(m => m.Name).ToListAsync(ct);
        return monitors.Select(View).ToList();
    }

    public async Task<Outcome<HeartbeatMonitorView>> CreateAsync(Actor actor, Guid serviceId, HeartbeatMonitorRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "create heartbeat monitors") is { } refused)
        {
            return refused;
        }
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        var v = new Validator().Required("name", request.Name, 200).SingleLine("name", request.Name);
        if (request.IntervalSeconds is not (>= 30 and <= 7 * 24 * 3600))
        {
            v.Add("intervalSeconds", "intervalSeconds is required, between 30 and 604800 (a week).");
        }
        if (request.GraceSeconds is not (null or (>= 0 and <= 24 * 3600)))
        {
            v.Add("graceSeconds", "graceSeconds is between 0 and 86400 (a day).");
        }
        var severity = request.Severity?.Trim().ToLowerInvariant() ?? "critical";
        if (!AlertEventRules.Severities.Contains(severity))
        {
            v.Add("severity", $"severity is one of {string.Join(", ", AlertEventRules.Severities)}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var now = time.GetUtcNow();
        var monitor = new HeartbeatMonitor(serviceId, request.Name, request.IntervalSeconds!.Value, request.GraceSeconds ?? 60, severity, now);
        db.Add(monitor);
        Schedule(monitor, now);
        Audit(actor, now, monitor, "Created");
        await db.SaveChangesAsync(ct);
        return View(monitor);
    }

    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid serviceId, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "remove heartbeat monitors") is { } refused)
        {
            return refused;
        }
        if (await db.Set<HeartbeatMonitor>().FirstOrDefaultAsync(m => m.Id == id && m.ServiceId == serviceId, ct) is not { } monitor)
        {
            return Refusal.NotFound("heartbeat monitor", id);
        }
        db.Remove(monitor);
        Audit(actor, time.GetUtcNow(), monitor, "Deleted");
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>A heartbeat, with an integration key of the monitor's service; resolves the missed-heartbeat alert if there is one.</summary>
    public async Task<Outcome<HeartbeatMonitorView>> BeatAsync(Guid id, IntegrationKey key, CancellationToken ct) =>
        await ingest.InTransactionAsync<Outcome<HeartbeatMonitorView>>(async () =>
        {
            if (await db.Set<HeartbeatMonitor>().FirstOrDefaultAsync(m => m.Id == id && m.ServiceId == key.ServiceId, ct) is not { } monitor)
            {
                return Refusal.NotFound("heartbeat monitor", id);
            }
            var now = time.GetUtcNow();
            if (monitor.Beat(now))
            {
                await ingest.ApplyAsync(monitor.ServiceId, null, $"heartbeat ({monitor.Name})", Event(monitor, AlertAction.Resolve), ct);
                // The deadline job stopped when the heartbeat was missed; watching starts again from this one.
                Schedule(monitor, now);
            }
            return View(monitor);
        }, ct);

    /// <summary>The check at the deadline; the job carries the monitor's id where an incident's id would be.</summary>
    public void Schedule(HeartbeatMonitor monitor, DateTimeOffset now) =>
        db.EngineJobs.Add(new EngineJob($"heartbeat:{monitor.Id:N}:{monitor.DeadlineAt.UtcTicks}", DeadlineJobKind, monitor.Id, null, 0, 0, monitor.DeadlineAt, now));

    public static AlertEvent Event(HeartbeatMonitor monitor, AlertAction action) => new(action, monitor.DedupKey,
        $"Heartbeat '{monitor.Name}' missed: none since {(monitor.LastBeatAt is { } last ? last.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "it was created")}",
        "lifeline heartbeat", monitor.Severity, monitor.DeadlineAt, null, null, "heartbeat",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["monitor"] = monitor.Name }, null, [], [], "heartbeat");

    private void Audit(Actor actor, DateTimeOffset now, HeartbeatMonitor monitor, string action) =>
        db.AuditLog.Add(new AuditEntry(now, actor.Name, nameof(HeartbeatMonitor), monitor.Id, action, null, JsonSerializer.Serialize(new
        {
            serviceId = monitor.ServiceId, name = monitor.Name, intervalSeconds = monitor.IntervalSeconds, graceSeconds = monitor.GraceSeconds,
            severity = monitor.Severity, address = actor.RemoteAddress,
        })));

    private static HeartbeatMonitorView View(HeartbeatMonitor m) =>
        new(m.Id, m.ServiceId, m.Name, m.IntervalSeconds, m.GraceSeconds, m.Severity, m.LastBeatAt, m.DeadlineAt, m.MissedAt, $"/api/v1/heartbeats/{m.Id}");
}
