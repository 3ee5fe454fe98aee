namespace Lifeline.Notifications;

public enum NotificationStatus
{
    /// <summary>In the outbox, waiting for its due time and a sender.</summary>
    Pending,
    /// <summary>Handed to a sender; the outcome is not known yet.</summary>
    Sending,
    /// <summary>The provider accepted it.</summary>
    Sent,
    /// <summary>The provider confirmed delivery (callback).</summary>
    Delivered,
    /// <summary>Failed for good; a fallback may have been queued.</summary>
    Failed,
    /// <summary>No longer needed before it was sent (the page was acknowledged first).</summary>
    Cancelled,
}
