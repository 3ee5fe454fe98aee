using Lifeline.Storage;

namespace Lifeline.Incidents;

/// <summary>
/// Appends to an incident's timeline in the caller's unit of work (nothing is saved here), so an
/// entry is committed with the change it describes. For every module: the lifecycle, the
/// escalation engine ("paged X by voice"), notifications.
/// </summary>
public sealed class IncidentTimeline(LifelineDbContext db, TimeProvider time)
{
    public TimelineEntry Append(Guid incidentId, string kind, string text, string actor, DateTimeOffset? occurredAt = null, bool fromManualLog = false)
    {
        var now = time.GetUtcNow();
        var entry = new TimelineEntry(incidentId, occurredAt ?? now, now, actor, kind, text, fromManualLog);
        db.TimelineEntries.Add(entry);
        return entry;
    }
}
