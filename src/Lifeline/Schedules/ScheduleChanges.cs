using Lifeline.Directory.Availability;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;

namespace Lifeline.Schedules;

/// <summary>
/// "These schedules just changed": raised after the commit of a save that touched a schedule, one of its overrides or
/// swap requests, or anybody's absence or the shift calendar's holidays (which may move shifts in any schedule:
/// <see cref="AnySchedule"/>). An open
/// schedule page listens and reloads, as the board does for <see cref="Incidents.IncidentChanges"/>.
/// </summary>
public sealed class ScheduleChanges : ChangeFeed
{
    /// <summary>Stands for "any schedule": an absence changed, and who it concerns is for the calculator to work out.</summary>
    public static readonly Guid AnySchedule = Guid.Empty;
}

/// <summary>Collects the schedules a save touches for <see cref="ScheduleChanges"/>.</summary>
public sealed class ScheduleChangeRecorder(ScheduleChanges changes) : CommittedChangeRecorder
{
    protected override void Collect(EntityEntry entry, ISet<Guid> touched)
    {
        switch (entry.Entity)
        {
            case Schedule schedule:
                touched.Add(schedule.Id);
                break;
            case ScheduleOverride change:
                touched.Add(change.ScheduleId);
                break;
            case SwapRequest swap:
                touched.Add(swap.ScheduleId);
                break;
            case Absence or Shifts.ShiftCalendar:
                touched.Add(ScheduleChanges.AnySchedule);
                break;
        }
    }

    protected override void Publish(IReadOnlyCollection<Guid> ids) => changes.Raise(ids);
}

/// <summary>Passes <see cref="ScheduleChanges"/> between the instances on one PostgreSQL database.</summary>
public sealed class PostgresScheduleRelay(ScheduleChanges changes, IOptions<DatabaseOptions> database, ILogger<PostgresScheduleRelay> logger)
    : PostgresChangeRelay<ScheduleChanges>(changes, "lifeline_schedules", "schedule", database, logger);
