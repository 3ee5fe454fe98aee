using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>How a service's alerts group into incidents (its settings, audited), and a person's word to keep an incident open.</summary>
public sealed class AlertGrouping(LifelineDbContext db, CurrentActor current, IncidentTimeline timeline)
{
    private const int MaxWindowMinutes = 7 * 24 * 60;

    public async Task<Outcome<ServiceAlertSettingsView>> GetAsync(Guid serviceId, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        return await db.Set<ServiceAlertSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ServiceId == serviceId, ct) is { } settings
            ? View(settings)
            : new ServiceAlertSettingsView(serviceId, (int)ServiceAlertSettings.DefaultGroupWindow.TotalMinutes, ServiceAlertSettings.DefaultAutoResolve);
    }

    public async Task<Outcome<ServiceAlertSettingsView>> UpdateAsync(Actor actor, Guid serviceId, ServiceAlertSettingsRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change alert settings") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        var v = new Validator();
        if (request.GroupWindowMinutes is not (>= 0 and <= MaxWindowMinutes))
        {
            v.Add("groupWindowMinutes", $"groupWindowMinutes is required, between 0 (every alert its own incident) and {MaxWindowMinutes} (a week).");
        }
        if (request.AutoResolve is null)
        {
            v.Add("autoResolve", "autoResolve is required: whether the incident resolves when all its alerts have.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var settings = await db.Set<ServiceAlertSettings>().FirstOrDefaultAsync(s => s.ServiceId == serviceId, ct);
        if (settings is null)
        {
            db.Add(settings = new ServiceAlertSettings(serviceId, request.GroupWindowMinutes!.Value, request.AutoResolve!.Value));
        }
        else
        {
            settings.Update(request.GroupWindowMinutes!.Value, request.AutoResolve!.Value);
        }
        await db.SaveChangesAsync(ct);
        return View(settings);
    }

    /// <summary>
    /// A person working on an incident says it stays open (or no longer) when its alerts resolve: the monitoring
    /// may go quiet before the cause is fixed. Only an acknowledged incident: someone has taken it on.
    /// </summary>
    public async Task<Outcome<bool>> KeepOpenAsync(Actor actor, string number, KeepOpenRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "keep incidents open") is { } refused)
        {
            return refused;
        }
        if (request.KeepOpen is not { } keep)
        {
            return Refusal.Invalid("keepOpen", "keepOpen is required.");
        }
        var normalised = IncidentNumbers.Normalise(number);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Number == normalised).Select(i => new { i.Id, i.Status }).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return new Refusal(StatusCodes.Status404NotFound, "Not found", $"No incident with number '{number}'.");
        }
        var group = await db.Set<AlertGroup>().FirstOrDefaultAsync(g => g.IncidentId == incident.Id, ct);
        if (group is null)
        {
            return Refusal.Conflict($"{normalised} was not opened by alerts, so nothing would resolve it by itself.");
        }
        if (keep && incident.Status != IncidentStatus.Acknowledged)
        {
            return Refusal.Conflict($"{normalised} is {incident.Status}: acknowledge it first, then say to keep it open.");
        }
        group.KeepOpen(keep ? actor.Name : null);
        timeline.Append(incident.Id, AlertTimelineKinds.KeptOpen, keep
            ? $"{actor.Name} said to keep the incident open when its alerts resolve."
            : $"{actor.Name} let the incident resolve with its alerts again.", actor.Name);
        await db.SaveChangesAsync(ct);
        return keep;
    }

    private static ServiceAlertSettingsView View(ServiceAlertSettings s) => new(s.ServiceId, s.GroupWindowMinutes, s.AutoResolve);
}
