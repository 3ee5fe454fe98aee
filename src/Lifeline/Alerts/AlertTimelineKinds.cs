namespace Lifeline.Alerts;

/// <summary>The timeline entries the alerts module writes on an incident.</summary>
public static class AlertTimelineKinds
{
    public const string AlertTriggered = "AlertTriggered";
    public const string AlertAcknowledged = "AlertAcknowledged";
    public const string AlertResolved = "AlertResolved";
    public const string KeptOpen = "KeptOpen";
}
