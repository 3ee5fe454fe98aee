using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>Maintenance windows: scheduled ahead by admins (audited), asked by the alerts whether they page.</summary>
public sealed class MaintenanceWindows(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    public const string EndedJobKind = "MaintenanceEnded";

    public Task<bool> CoversAsync(Guid serviceId, DateTimeOffset at, CancellationToken ct) =>
        db.Set<MaintenanceWindow>().AnyAsync(w => (w.ServiceId == null || w.ServiceId == serviceId) && w.CancelledAt == null && w.StartsAt <= at && at < w.EndsAt, ct);

    public async Task<IReadOnlyList<MaintenanceWindowView>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var windows = db.Set<MaintenanceWindow>().AsNoTracking().Where(w => w.EndsAt > now || !activeOnly);
        if (activeOnly)
        {
            windows = windows.Where(w => w.CancelledAt == null && w.StartsAt <= now);
        }
        return (await windows.OrderBy(w => w.StartsAt).Take(500).ToListAsync(ct)).Select(w => View(w, now)).ToList();
    }

    public async Task<Outcome<MaintenanceWindowView>> CreateAsync(Actor actor, MaintenanceWindowRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "schedule maintenance windows") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var now = time.GetUtcNow();
        var v = new Validator().Required("reason", request.Reason, 500).SingleLine("reason", request.Reason);
        if (request.StartsAt is not { } startsAt)
        {
            v.Add("startsAt", "startsAt is required.");
        }
        if (request.EndsAt is not { } endsAt)
        {
            v.Add("endsAt", "endsAt is required.");
        }
        else if (endsAt <= (request.StartsAt ?? now) || endsAt <= now)
        {
            v.Add("endsAt", "endsAt is after startsAt and in the future.");
        }
        else if (endsAt - (request.StartsAt ?? now) > TimeSpan.FromDays(31))
        {
            v.Add("endsAt", "A maintenance window lasts at most 31 days.");
        }
        if (request.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            v.Add("serviceId", $"No service with id {serviceId}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var window = new MaintenanceWindow(request.ServiceId, request.StartsAt!.Value.ToUniversalTime(), request.EndsAt!.Value.ToUniversalTime(), request.Reason, actor.Name);
        db.Add(window);
        db.EngineJobs.Add(EndJob(window, now));
        await db.SaveChangesAsync(ct);
        return View(window, now);
    }

    public async Task<Outcome<MaintenanceWindowView>> CancelAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "end maintenance windows") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await db.Set<MaintenanceWindow>().FirstOrDefaultAsync(w => w.Id == id, ct) is not { } window)
        {
            return Refusal.NotFound("maintenance window", id);
        }
        var now = time.GetUtcNow();
        await EndAsync(window, now, ct);
        await db.SaveChangesAsync(ct);
        return View(window, now);
    }

    internal static MaintenanceWindowView View(MaintenanceWindow w, DateTimeOffset now) =>
        new(w.Id, w.ServiceId, w.StartsAt, w.EndsAt, w.Reason, w.CreatedBy, w.CancelledAt, w.Covers(now)) { RecurringMaintenanceId = w.RecurringMaintenanceId };

    /// <summary>Schedules the engine's end of a window: when it comes due, alerts the window held back that still fire open their incident.</summary>
    internal static EngineJob EndJob(MaintenanceWindow window, DateTimeOffset now) =>
        // The engine's memory of the window's end; the job carries the window's id where an incident's id would be.
        new($"maintenance:{window.Id:N}:end", EndedJobKind, window.Id, null, 0, 0, window.EndsAt, now);

    /// <summary>Ends a window now (or calls it off before it begins), bringing its end job forward so held-back alerts get their incident.</summary>
    internal async Task EndAsync(MaintenanceWindow window, DateTimeOffset now, CancellationToken ct)
    {
        window.Cancel(now);
        if (await db.EngineJobs.FirstOrDefaultAsync(j => j.FenceKey == $"maintenance:{window.Id:N}:end" && j.DoneAt == null, ct) is { } job)
        {
            job.BringForward(now);
        }
    }
}
