namespace Lifeline.ServiceLevels;

/// <summary>The engine jobs that watch a severity's targets (kept as text in each job: never rename one).</summary>
public static class ServiceLevelJobKinds
{
    /// <summary>Has the incident been acknowledged within its severity's target?</summary>
    public const string AcknowledgeTarget = "AcknowledgeTarget";

    /// <summary>Has the incident been resolved within its severity's target?</summary>
    public const string ResolveTarget = "ResolveTarget";

    /// <summary>Has a status update been posted within the update interval?</summary>
    public const string UpdateDue = "UpdateDue";
}
