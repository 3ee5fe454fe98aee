using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation;

internal static class EscalationViews
{
    public static async Task<IncidentEscalationView> ForAsync(Incident incident, LifelineDbContext db, CancellationToken ct)
    {
        var runs = await db.EscalationRuns.AsNoTracking().Where(r => r.IncidentId == incident.Id).OrderBy(r => r.StartedAt).ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.IncidentId == incident.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var personIds = notifications.Where(n => n.PersonId != null).Select(n => n.PersonId!.Value).ToList();
        var teamIds = runs.Where(r => r.TeamId != null).Select(r => r.TeamId!.Value).Concat(notifications.Where(n => n.TeamId != null).Select(n => n.TeamId!.Value)).ToList();
        var tasks = await db.StakeholderTasks.AsNoTracking().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        personIds.AddRange(tasks.Select(t => t.PersonId));
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var pending = await db.EngineJobs.AsNoTracking().Where(j => j.IncidentId == incident.Id && j.DoneAt == null && j.EscalationRunId != null).ToListAsync(ct);

        NotifiedView View(Notification n) => new(n.Id, n.PersonId is { } p ? people.GetValueOrDefault(p) : null, n.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
            n.Channel, n.Template, n.Status, n.CreatedAt, n.SentAt, n.LastError);

        var runViews = runs.Select(r =>
        {
            var next = pending.Where(j => j.EscalationRunId == r.Id).MinBy(j => j.DueAt);
            var nextText = next is null ? null : next.Kind == EscalationJobKinds.Exhausted
                ? "the escalation ends unanswered"
                : $"tier {next.Tier + 1}" + (next.Cycle > 0 ? $" (repeat {next.Cycle})" : "");
            return new EscalationRunView(r.Id, r.TeamId, r.TeamId is { } t ? teams.GetValueOrDefault(t) : null, r.Policy.Name, r.State,
                r.Tier + 1, r.Policy.Tiers.Count, r.Cycle, r.Policy.RepeatCount, r.StartedAt, r.LastPagedAt, next?.DueAt, nextText,
                r.AcknowledgedBy, r.AcknowledgedVia, r.EndedAt, notifications.Where(n => n.EscalationRunId == r.Id).Select(View).ToList());
        }).ToList();
        var taskViews = tasks.Select(t => new StakeholderTaskView(t.Id, t.PersonId, people.GetValueOrDefault(t.PersonId, "(deleted)"), t.Text, t.CreatedAt, t.ConfirmedAt, t.ConfirmedBy)).ToList();
        return new IncidentEscalationView(incident.Number, incident.Status.ToString(), runViews, taskViews,
            notifications.Where(n => n.EscalationRunId is null).Select(View).ToList());
    }
}
