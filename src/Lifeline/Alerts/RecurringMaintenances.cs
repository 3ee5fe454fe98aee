using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// Recurring maintenance: scheduled by admins (audited), it keeps its next two occurrences as maintenance windows, so the
/// one coming up is on the board while one is in force. Each occurrence's end (the <c>MaintenanceEnded</c> engine job)
/// makes the one after; nothing waits in memory.
/// </summary>
public sealed class RecurringMaintenances(LifelineDbContext db, CurrentActor current, MaintenanceWindows windows, TimeProvider time)
{
    private const int OccurrencesAhead = 2;

    public async Task<IReadOnlyList<RecurringMaintenanceView>> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var series = await db.Set<RecurringMaintenance>().AsNoTracking().Where(r => r.CancelledAt == null).OrderBy(r => r.From).Take(500).ToListAsync(ct);
        var ids = series.Select(r => r.Id).ToList();
        var occurrences = await db.Set<MaintenanceWindow>().AsNoTracking()
            .Where(w => w.RecurringMaintenanceId != null && ids.Contains(w.RecurringMaintenanceId.Value) && w.EndsAt > now && w.CancelledAt == null).ToListAsync(ct);
        return series.Select(r => View(r, occurrences.Where(w => w.RecurringMaintenanceId == r.Id), now)).ToList();
    }

    public async Task<Outcome<RecurringMaintenanceView>> CreateAsync(Actor actor, RecurringMaintenanceRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "schedule maintenance windows") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var now = time.GetUtcNow();
        var from = request.StartsAt?.ToUniversalTime() ?? now;
        var v = new Validator().Required("reason", request.Reason, 500).SingleLine("reason", request.Reason);
        var recurrence = MaintenanceRecurrence.TryCreate(request.Schedule, request.TimeZone, request.DurationMinutes, from < now ? now : from, v);
        if (request.Until is { } until && until <= (from < now ? now : from))
        {
            v.Add("until", "until is after startsAt and in the future.");
        }
        if (request.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            v.Add("serviceId", $"No service with id {serviceId}.");
        }
        if (!v.IsValid || recurrence is null)
        {
            return Refusal.Invalid(v.Errors);
        }
        var series = new RecurringMaintenance(request.ServiceId, request.Schedule!, request.TimeZone!, request.DurationMinutes!.Value, request.Reason, actor.Name,
            from, request.Until?.ToUniversalTime());
        db.Add(series);
        var made = Ahead(series, recurrence, [], now);
        await db.SaveChangesAsync(ct);
        return View(series, made, now);
    }

    /// <summary>Ends the series: no more occurrences, and the one in force (or coming up) ends now so held-back alerts get their incident.</summary>
    public async Task<Outcome<RecurringMaintenanceView>> CancelAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "end maintenance windows") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await db.Set<RecurringMaintenance>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } series)
        {
            return Refusal.NotFound("recurring maintenance", id);
        }
        var now = time.GetUtcNow();
        series.Cancel(now);
        foreach (var window in await db.Set<MaintenanceWindow>().Where(w => w.RecurringMaintenanceId == id && w.EndsAt > now && w.CancelledAt == null).ToListAsync(ct))
        {
            await windows.EndAsync(window, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return View(series, [], now);
    }

    /// <summary>
    /// After an occurrence of <paramref name="seriesId"/> ended: makes occurrences until two lie ahead again. Safe to run
    /// again (it counts what is there), so a redelivered end job adds nothing twice. The caller saves.
    /// </summary>
    internal async Task<int> KeepAheadAsync(Guid seriesId, CancellationToken ct)
    {
        if (await db.Set<RecurringMaintenance>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == seriesId, ct) is not { CancelledAt: null } series)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var existing = await db.Set<MaintenanceWindow>().AsNoTracking().Where(w => w.RecurringMaintenanceId == seriesId)
            .OrderByDescending(w => w.StartsAt).Take(OccurrencesAhead + 1).ToListAsync(ct);
        return Ahead(series, MaintenanceRecurrence.For(series), existing, now).Count;
    }

    private List<MaintenanceWindow> Ahead(RecurringMaintenance series, MaintenanceRecurrence recurrence, List<MaintenanceWindow> existing, DateTimeOffset now)
    {
        var made = new List<MaintenanceWindow>();
        var ahead = existing.Count(w => w.EndsAt > now);
        var latest = existing.Count == 0 ? (DateTimeOffset?)null : existing.Max(w => w.StartsAt);
        while (ahead < OccurrencesAhead)
        {
            // After the latest occurrence made; the first one (or the next after a long outage) is the first not yet over.
            var next = latest is { } after ? recurrence.NextAfter(after) : recurrence.FirstEndingAfter(series.From > now ? series.From : now);
            if (next is { } late && late.EndsAt <= now)
            {
                next = recurrence.FirstEndingAfter(now);
            }
            if (next is not { } occurrence || (series.Until is { } until && occurrence.StartsAt >= until))
            {
                break;
            }
            var window = MaintenanceWindow.Occurrence(series, occurrence.StartsAt, occurrence.EndsAt);
            db.Add(window);
            db.EngineJobs.Add(MaintenanceWindows.EndJob(window, now));
            made.Add(window);
            latest = occurrence.StartsAt;
            ahead++;
        }
        return made;
    }

    private static RecurringMaintenanceView View(RecurringMaintenance r, IEnumerable<MaintenanceWindow> occurrences, DateTimeOffset now) =>
        new(r.Id, r.ServiceId, r.Schedule, r.TimeZone, r.DurationMinutes, r.Reason, r.CreatedBy, r.From, r.Until, r.CancelledAt,
            occurrences.OrderBy(w => w.StartsAt).Select(w => MaintenanceWindows.View(w, now)).ToList());
}
