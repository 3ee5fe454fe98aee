using Lifeline.Incidents;

namespace Lifeline.Board;

/// <summary>
/// A service-level clock: when the target falls due and when it was met. Whether it is on time, near or late is
/// worked out against the viewer's clock (<see cref="ClockState"/>), so a board can turn amber and red as time passes.
/// </summary>
public sealed record ServiceClock(DateTimeOffset? DueAt, DateTimeOffset? MetAt, TimeSpan Target)
{
    public ClockState StateAt(DateTimeOffset now) =>
        MetAt is not null ? ClockState.Met
        : DueAt is not { } due ? ClockState.None
        : now >= due ? ClockState.Late
        // Amber in the last quarter of the target, or its last five minutes when that is longer.
        : due - now <= TimeSpan.FromTicks(Math.Max(Target.Ticks / 4, TimeSpan.FromMinutes(5).Ticks)) ? ClockState.Near
        : ClockState.OnTime;
}

public enum ClockState
{
    None,
    OnTime,
    Near,
    Late,
    Met,
}

/// <summary>Who is being paged now for one escalation (the incident manager's or a Level 2 team's).</summary>
public sealed record PagingView(string? Team, IReadOnlyList<string> People, int Tier, int Tiers, string? NextStep, DateTimeOffset? NextStepAt);

/// <summary>One open incident on the board.</summary>
public sealed record BoardRow(Guid Id, string Number, string Title, int Severity, string SeverityName, string Service, string? Organisation, bool Vip,
    IncidentStatus Status, bool IsDrill, DateTimeOffset OpenedAt, string? IncidentManager, IReadOnlyList<PagingView> Paging,
    IReadOnlyList<string> Level2Teams, ServiceClock Acknowledge, ServiceClock NextUpdate, ServiceClock Resolve)
{
    /// <summary>
    /// Escalations that paged every tier and nobody acknowledged ("Incident manager", or a Level 2 team's name), while that
    /// still matters: someone has to call by hand.
    /// </summary>
    public IReadOnlyList<string> Unanswered { get; init; } = [];
}

/// <summary>
/// A maintenance window in force now or starting within <see cref="IncidentBoard.UpcomingMaintenance"/> (<see cref="Service"/>
/// null: every service): from <see cref="StartsAt"/> to <see cref="EndsAt"/> its alerts are recorded but page nobody.
/// <see cref="HeldBack"/> counts the alerts of its services still firing and kept off an incident; <see cref="SetBy"/> is who
/// scheduled it; <see cref="Recurrence"/> describes the series it is one occurrence of, if any.
/// </summary>
public sealed record MaintenanceRow(Guid Id, string? Service, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, string SetBy, int HeldBack)
{
    public string? Recurrence { get; init; }

    /// <summary>Whether it silences alerts at <paramref name="now"/>: a board works this out against the viewer's clock, so an upcoming window turns current as time passes.</summary>
    public bool InForceAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;
}

/// <summary>
/// The board: every incident not yet closed, most severe and oldest first, as of <see cref="At"/>; and the services in
/// maintenance now or soon, whose alerts page nobody during the window.
/// </summary>
public sealed record BoardView(DateTimeOffset At, IReadOnlyList<BoardRow> Incidents, IReadOnlyList<MaintenanceRow> Maintenance);
