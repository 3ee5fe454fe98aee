namespace Lifeline.Incidents;

/// <summary>What happened to an incident, as told to every <see cref="IIncidentObserver"/>.</summary>
public enum IncidentChangeKind
{
    Opened,
    SeverityChanged,
    Acknowledged,
    StatusUpdatePosted,
    IncidentManagerAssigned,
    Level2TeamsNamed,
    Resolved,
    Closed,
    Reopened,
    /// <summary>An incident at an escalating severity that was not paging (entered from a manual log) starts escalating now.</summary>
    EscalationStarted,
}
