namespace Lifeline.Incidents;

/// <summary>Timeline kinds written by the escalation engine and the outbox.</summary>
public static class EngineTimelineKinds
{
    public const string EscalationStarted = "EscalationStarted";
    public const string Paged = "Paged";
    public const string TierSkipped = "TierSkipped";
    public const string TargetSkipped = "TargetSkipped";
    public const string NotReachable = "NotReachable";
    public const string EscalationStopped = "EscalationStopped";
    public const string EscalationExhausted = "EscalationExhausted";
    public const string EscalatedManually = "EscalatedManually";
    public const string TeamPaged = "TeamPaged";
    public const string TeamAcknowledged = "TeamAcknowledged";
    public const string StakeholdersNotified = "StakeholdersNotified";
    public const string TaskAssigned = "TaskAssigned";
    public const string TaskConfirmed = "TaskConfirmed";
    public const string TargetBreached = "TargetBreached";
    public const string UpdateReminder = "UpdateReminder";
    public const string NotificationFailed = "NotificationFailed";
    public const string FallbackQueued = "FallbackQueued";
    public const string QueuedForTeam = "QueuedForTeam";
    public const string SurveyInvitation = "SurveyInvitation";
}
