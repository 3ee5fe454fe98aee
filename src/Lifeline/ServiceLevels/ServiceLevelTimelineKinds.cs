namespace Lifeline.ServiceLevels;

/// <summary>Timeline kinds written by the service-level checks.</summary>
public static class ServiceLevelTimelineKinds
{
    public const string TargetBreached = "TargetBreached";
    public const string TargetMet = "TargetMet";
    public const string UpdateReminder = "UpdateReminder";
    public const string BreachNotified = "BreachNotified";
}
