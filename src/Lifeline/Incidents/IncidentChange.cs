namespace Lifeline.Incidents;

/// <summary>
/// One change to an incident: the incident as it is now, what changed, who did it and when it happened (in the past for
/// an event entered from a manual log).
/// </summary>
public sealed record IncidentChange(Incident Incident, IncidentChangeKind Kind, string Actor, DateTimeOffset At)
{
    /// <summary>
    /// An event in the past entered from a manual log, for which nothing is sent (no page, no stakeholder notice, no
    /// survey e-mail): observers record what they judge (service levels) but tell nobody. See <see cref="Backdate"/>.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>On <see cref="IncidentChangeKind.Closed"/>: the customer's one-time survey token (a credential: never logged).</summary>
    public string? SurveyToken { get; init; }
}
