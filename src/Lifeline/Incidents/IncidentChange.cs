namespace Lifeline.Incidents;

/// <summary>One change to an incident: the incident as it is now, what changed, who did it and when.</summary>
public sealed record IncidentChange(Incident Incident, IncidentChangeKind Kind, string Actor, DateTimeOffset At)
{
    /// <summary>On <see cref="IncidentChangeKind.Closed"/>: the customer's one-time survey token (a credential: never logged).</summary>
    public string? SurveyToken { get; init; }
}
