namespace Lifeline.Severity;

/// <summary>What classifying an incident at a level sets in motion.</summary>
public enum SeverityProcedure
{
    /// <summary>The seed's "follow normal business process": the owning team's queue, no paging.</summary>
    NormalBusinessProcess,
    /// <summary>The Severity 1 escalation: page Incident Manager 1, then the backups, notify the directors.</summary>
    Escalation,
}
