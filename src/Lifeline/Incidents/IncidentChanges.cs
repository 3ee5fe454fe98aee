using Lifeline.Storage;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Lifeline.Incidents;

/// <summary>
/// "Something about these incidents just changed": raised after every save that touched an incident or anything that
/// belongs to one (its timeline, pages, teams, escalation, status updates), whoever saved it — the API, the console, the
/// engine, an SMS reply. The console's open boards and incident pages listen and reload, so they are live without polling.
/// </summary>
public sealed class IncidentChanges : ChangeFeed;

/// <summary>
/// Something the board shows besides incidents (a maintenance window, an alert a window holds back): a save that
/// touches it is told as a change of <see cref="BoardChangeId"/>, so open boards reload. An incident page, which listens
/// only for its own incident's id, ignores it.
/// </summary>
public interface IShownOnBoard
{
    /// <summary>The id told to listeners, or null when this change is already told through an incident.</summary>
    Guid? BoardChangeId { get; }
}

/// <summary>
/// Collects the incidents a save touches (an incident, or a row with an <c>IncidentId</c>), and what else the board
/// shows (<see cref="IShownOnBoard"/>), for <see cref="IncidentChanges"/>.
/// </summary>
public sealed class IncidentChangeRecorder(IncidentChanges changes) : CommittedChangeRecorder
{
    protected override void Collect(EntityEntry entry, ISet<Guid> touched)
    {
        if (entry.Entity is Incident incident)
        {
            touched.Add(incident.Id);
        }
        else if (entry.Entity is IShownOnBoard { BoardChangeId: { } shown })
        {
            touched.Add(shown);
        }
        else if (entry.Metadata.FindProperty(nameof(TimelineEntry.IncidentId)) is { } property && entry.Property(property).CurrentValue is Guid id)
        {
            touched.Add(id);
        }
    }

    protected override void Publish(IReadOnlyCollection<Guid> ids) => changes.Raise(ids);
}
