namespace Lifeline.Incidents;

/// <summary>
/// The kinds of timeline entries the incident lifecycle writes. Kinds are strings so other modules
/// add their own (the escalation engine's "Paged", notifications' "Notified") without touching this list.
/// </summary>
public static class TimelineKinds
{
    public const string Opened = "Opened";
    public const string SeverityChanged = "SeverityChanged";
    public const string StatusChanged = "StatusChanged";
    public const string Acknowledged = "Acknowledged";
    public const string StatusUpdate = "StatusUpdate";
    public const string IncidentManagerAssigned = "IncidentManagerAssigned";
    public const string Level2TeamsNamed = "Level2TeamsNamed";
    public const string Resolved = "Resolved";
    public const string Closed = "Closed";
    public const string Reopened = "Reopened";
    public const string SurveySent = "SurveySent";
    public const string SurveyAnswered = "SurveyAnswered";
    /// <summary>A free-text note, typically copied from a paper or offline log.</summary>
    public const string Note = "Note";
}
