namespace Lifeline.Incidents;

/// <summary>Where a ticket is in the procedure; <see cref="IncidentLifecycle"/> says which moves are allowed.</summary>
public enum IncidentStatus
{
    Open,
    /// <summary>A severity whose procedure is escalation: people are being paged until someone acknowledges.</summary>
    Escalating,
    Acknowledged,
    Resolved,
    Closed,
}
