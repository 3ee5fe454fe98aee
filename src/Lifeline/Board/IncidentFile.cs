using Lifeline.Access;
using Lifeline.Directory.Teams;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Board;

/// <summary>One incident's page: the incident (masked for the viewer), its timeline, its escalations and tasks, and what the viewer may pick from.</summary>
public sealed record IncidentFileView(IncidentView Incident, IReadOnlyList<TimelineEntryView> Timeline, IncidentEscalationView Escalation,
    IReadOnlyList<SeverityChoice> Severities, IReadOnlyList<TeamChoice> ResolverTeams, IReadOnlyList<Guid> MyTeams);

public sealed record SeverityChoice(int Level, string Name);

public sealed record TeamChoice(Guid Id, string Name);

/// <summary>
/// Reads everything the incident page shows in one go, through the same views the API answers with
/// (<c>GET /incidents/{n}</c>, <c>/timeline</c>, <c>/escalation</c>): the same masking and access log.
/// </summary>
public sealed class IncidentFiles(LifelineDbContext db, ContactDataGuard guard)
{
    public async Task<IncidentFileView?> ReadAsync(Actor viewer, string number, CancellationToken ct)
    {
        var normalised = IncidentNumbers.Normalise(number);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Level2Teams).Include(i => i.StatusUpdates)
            .FirstOrDefaultAsync(i => i.Number == normalised, ct);
        if (incident is null)
        {
            return null;
        }
        var view = await IncidentViews.ViewAsync(incident, db, guard, viewer, ct);
        var timeline = await IncidentViews.Timeline(db, incident.Id).ToListAsync(ct);
        var escalation = await EscalationViews.ForAsync(incident, db, ct);
        var severities = await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Level).Select(l => new SeverityChoice(l.Level, l.Name)).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.Resolver).OrderBy(t => t.Name).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(ct);
        IReadOnlyList<Guid> mine = viewer.PersonId is { } personId
            ? await db.TeamMembers.AsNoTracking().Where(m => m.PersonId == personId).Select(m => m.TeamId).ToListAsync(ct)
            : [];
        return new IncidentFileView(view, timeline, escalation, severities, teams, mine);
    }
}
