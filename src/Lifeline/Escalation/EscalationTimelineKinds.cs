namespace Lifeline.Escalation;

/// <summary>Timeline kinds written by escalation: paging, its tiers, Level 2 teams and the normal business process's queueing.</summary>
public static class EscalationTimelineKinds
{
    public const string EscalationStarted = "EscalationStarted";
    public const string Paged = "Paged";
    public const string TierSkipped = "TierSkipped";
    public const string EscalationStopped = "EscalationStopped";
    public const string EscalationExhausted = "EscalationExhausted";
    public const string EscalatedManually = "EscalatedManually";
    public const string TeamPaged = "TeamPaged";
    public const string TeamAcknowledged = "TeamAcknowledged";
    public const string QueuedForTeam = "QueuedForTeam";
    /// <summary>Something that would stop or widen a real escalation does not, because the incident is a drill.</summary>
    public const string DrillContinues = "DrillContinues";
    public const string DrillAnswered = "DrillAnswered";
    public const string DrillEnded = "DrillEnded";
}
