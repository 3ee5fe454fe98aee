namespace Lifeline.Incidents;

/// <summary>
/// The allowed status moves, in one table so the API can tell a caller what is possible instead of
/// only what is not. Escalating goes back to Open when the severity is lowered below escalation;
/// a reopened incident goes back to Open (its incident manager, if any, stays), and the escalation
/// engine decides from the Reopened change whether to page again.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> Moves = new()
    {
        [IncidentStatus.Open] = [IncidentStatus.Escalating, IncidentStatus.Acknowledged, IncidentStatus.Resolved],
        [IncidentStatus.Escalating] = [IncidentStatus.Open, IncidentStatus.Acknowledged],
        [IncidentStatus.Acknowledged] = [IncidentStatus.Resolved],
        [IncidentStatus.Resolved] = [IncidentStatus.Closed, IncidentStatus.Open],
        [IncidentStatus.Closed] = [],
    };

    public static IReadOnlyList<IncidentStatus> AllowedFrom(IncidentStatus status) => Moves[status];

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => Moves[from].Contains(to);

    /// <summary>Whether the incident is still being worked on (status updates, severity and owner changes make sense).</summary>
    public static bool IsActive(IncidentStatus status) => status is IncidentStatus.Open or IncidentStatus.Escalating or IncidentStatus.Acknowledged;
}
