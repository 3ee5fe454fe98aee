using Lifeline.Access;
using Lifeline.Alerts;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Board;

/// <summary>
/// The incident manager's board: the incidents not yet closed, who is being paged for each and what the escalation
/// does next, and the acknowledge, status-update and resolve clocks of their severity. The console's board and
/// <c>GET /api/v1/board</c> read it here. Names only: no contact data.
/// </summary>
public sealed class IncidentBoard(LifelineDbContext db, TimeProvider time)
{
    /// <summary>All incidents not yet closed; with <paramref name="mine"/>, only those that page the actor or one of their teams.</summary>
    public async Task<BoardView> ReadAsync(Actor actor, bool mine, CancellationToken ct)
    {
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Level2Teams).Include(i => i.StatusUpdates)
            .Where(i => i.Status != IncidentStatus.Closed).ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var runs = await db.EscalationRuns.AsNoTracking().Where(r => ids.Contains(r.IncidentId)).ToListAsync(ct);
        var activeRunIds = runs.Where(r => r.State == EscalationRunState.Active).Select(r => r.Id).ToList();
        var pages = await db.Notifications.AsNoTracking()
            .Where(n => n.EscalationRunId != null && activeRunIds.Contains(n.EscalationRunId.Value))
            .Select(n => new { RunId = n.EscalationRunId!.Value, n.PersonId, n.CreatedAt }).ToListAsync(ct);
        if (mine)
        {
            incidents = await MineAsync(actor, incidents, runs, ct);
        }

        var serviceIds = incidents.Select(i => i.ServiceId).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var organisationIds = incidents.Where(i => i.OrganisationId != null).Select(i => i.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var levels = await db.SeverityLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, ct);
        var personIds = pages.Where(p => p.PersonId != null).Select(p => p.PersonId!.Value)
            .Concat(incidents.Where(i => i.IncidentManagerId != null).Select(i => i.IncidentManagerId!.Value)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var teamIds = runs.Where(r => r.TeamId != null).Select(r => r.TeamId!.Value).Concat(incidents.SelectMany(i => i.Level2Teams.Select(t => t.TeamId))).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        PagingView Paging(EscalationRun run)
        {
            // The people of the run's latest round of pages: who is being woken up right now.
            var round = pages.Where(p => p.RunId == run.Id && run.LastPagedAt != null && p.CreatedAt >= run.LastPagedAt.Value && p.PersonId != null)
                .Select(p => people.GetValueOrDefault(p.PersonId!.Value, "(deleted)")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var next = run.NextStepAt is null ? null : run.Tier + 1 < run.Policy.Tiers.Count ? $"tier {run.Tier + 2}"
                : run.Cycle < run.Policy.RepeatCount ? "repeat from tier 1" : "ends unanswered";
            return new PagingView(run.TeamId is { } t ? teams.GetValueOrDefault(t) : null, round, run.Tier + 1, run.Policy.Tiers.Count, next, run.NextStepAt);
        }

        var rows = incidents.Select(i =>
        {
            var level = levels.GetValueOrDefault(i.Severity);
            var organisation = i.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null;
            var lastUpdate = i.StatusUpdates.Count == 0 ? i.OpenedAt : i.StatusUpdates.Max(u => u.PostedAt);
            var ended = i.ResolvedAt is not null;
            return new BoardRow(i.Id, i.Number, i.Title, i.Severity, level?.Name ?? $"Severity {i.Severity}", services.GetValueOrDefault(i.ServiceId, "(deleted)"),
                organisation?.Name, organisation?.IsVip == true, i.Status, i.IsDrill, i.OpenedAt,
                i.IncidentManagerId is { } m ? people.GetValueOrDefault(m) : null,
                runs.Where(r => r.IncidentId == i.Id && r.State == EscalationRunState.Active).OrderBy(r => r.StartedAt).Select(Paging).ToList(),
                i.Level2Teams.Select(t => teams.GetValueOrDefault(t.TeamId, "(deleted)")).ToList(),
                Clock(level is null ? null : i.OpenedAt + level.TimeToAcknowledge, i.AcknowledgedAt ?? i.ResolvedAt, level?.TimeToAcknowledge),
                Clock(level is null || ended ? null : lastUpdate + level.StatusUpdateInterval, null, level?.StatusUpdateInterval),
                Clock(level is null ? null : i.OpenedAt + level.TimeToResolve, i.ResolvedAt, level?.TimeToResolve))
            {
                Unanswered = ended ? [] : runs.Where(r => r.IncidentId == i.Id && r.State == EscalationRunState.Exhausted && (r.TeamId is not null || i.AcknowledgedAt is null)
                        && !runs.Any(later => later.IncidentId == i.Id && later.TeamId == r.TeamId && later.StartedAt > r.StartedAt))
                    .OrderBy(r => r.StartedAt).Select(r => r.TeamId is { } t ? teams.GetValueOrDefault(t, "(deleted)") : "Incident manager").ToList(),
            };
        }).OrderBy(r => r.Status == IncidentStatus.Resolved).ThenBy(r => r.Severity).ThenBy(r => r.OpenedAt).ToList();
        return new BoardView(time.GetUtcNow(), rows, await MaintenanceAsync(ct));
    }

    private static ServiceClock Clock(DateTimeOffset? due, DateTimeOffset? met, TimeSpan? target) => new(due, met, target ?? TimeSpan.Zero);

    /// <summary>How far ahead the board lists maintenance windows that have not begun yet.</summary>
    public static readonly TimeSpan UpcomingMaintenance = TimeSpan.FromDays(7);

    /// <summary>
    /// Maintenance windows in force now or starting within <see cref="UpcomingMaintenance"/>, soonest start first: services
    /// whose alerts are recorded but page nobody. For those in force, the alerts still firing that they hold back.
    /// </summary>
    private async Task<IReadOnlyList<MaintenanceRow>> MaintenanceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var horizon = now + UpcomingMaintenance;
        var windows = await db.Set<MaintenanceWindow>().AsNoTracking().Where(w => w.CancelledAt == null && w.StartsAt < horizon && now < w.EndsAt)
            .OrderBy(w => w.StartsAt).ThenBy(w => w.EndsAt).Take(100).ToListAsync(ct);
        if (windows.Count == 0)
        {
            return [];
        }
        var serviceIds = windows.Where(w => w.ServiceId != null).Select(w => w.ServiceId!.Value).Distinct().ToList();
        var names = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        // Alerts on no incident and not resolved are the ones a window holds back (AlertIngest attaches every other firing
        // alert). Counted for windows coming up too: a board that turns one current by its own clock then shows the right count.
        var heldBack = await db.Set<Alert>().AsNoTracking().Where(a => a.IncidentId == null && a.ResolvedAt == null)
            .GroupBy(a => a.ServiceId).Select(g => new { ServiceId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ServiceId, g => g.Count, ct);
        var seriesIds = windows.Where(w => w.RecurringMaintenanceId != null).Select(w => w.RecurringMaintenanceId!.Value).Distinct().ToList();
        var recurrences = seriesIds.Count == 0 ? []
            : (await db.Set<RecurringMaintenance>().AsNoTracking().Where(r => seriesIds.Contains(r.Id)).ToListAsync(ct)).ToDictionary(r => r.Id, r => r.Describe());
        return windows.Select(w => new MaintenanceRow(w.Id, w.ServiceId is { } id ? names.GetValueOrDefault(id, "(deleted)") : null, w.StartsAt, w.EndsAt, w.Reason, w.CreatedBy,
            w.ServiceId is { } s ? heldBack.GetValueOrDefault(s) : heldBack.Values.Sum())
        {
            Recurrence = w.RecurringMaintenanceId is { } r ? recurrences.GetValueOrDefault(r) : null,
        }).ToList();
    }

    /// <summary>The incidents that page the actor's person, or that named or page one of their teams.</summary>
    private async Task<List<Incident>> MineAsync(Actor actor, List<Incident> incidents, List<EscalationRun> runs, CancellationToken ct)
    {
        if (actor.PersonId is not { } personId)
        {
            return [];
        }
        var myTeams = await db.TeamMembers.AsNoTracking().Where(m => m.PersonId == personId).Select(m => m.TeamId).ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var pagedMe = await db.Notifications.AsNoTracking().Where(n => n.PersonId == personId && n.IncidentId != null && ids.Contains(n.IncidentId.Value))
            .Select(n => n.IncidentId!.Value).Distinct().ToListAsync(ct);
        return incidents.Where(i => i.IncidentManagerId == personId || pagedMe.Contains(i.Id)
            || i.Level2Teams.Any(t => myTeams.Contains(t.TeamId)) || runs.Any(r => r.IncidentId == i.Id && r.TeamId is { } t && myTeams.Contains(t))).ToList();
    }
}
