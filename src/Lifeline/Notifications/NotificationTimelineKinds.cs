namespace Lifeline.Notifications;

/// <summary>Timeline kinds written by the outbox about a notification's fate.</summary>
public static class NotificationTimelineKinds
{
    public const string NotReachable = "NotReachable";
    public const string NotificationFailed = "NotificationFailed";
    public const string FallbackQueued = "FallbackQueued";
}
