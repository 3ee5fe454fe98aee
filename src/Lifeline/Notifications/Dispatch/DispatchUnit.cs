namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// What one send carries: a single notification, or several for the same contact method sent as
/// one bundled message led by the first (<see cref="IsBundle"/>). The notifications are as the
/// claim left them (Sending, the attempt counted), read once for rendering and sending.
/// </summary>
public sealed record DispatchUnit(NotificationChannel Channel, IReadOnlyList<Notification> Notifications, Guid? ContactMethodId, string Destination)
{
    public Notification Lead => Notifications[0];

    public Guid LeadId => Lead.Id;

    public bool IsBundle => Notifications.Count > 1;

    /// <summary>The same on every attempt, so a provider that de-duplicates drops a copy sent again after a crash.</summary>
    public string IdempotencyKey => Lead.IdempotencyKey + (IsBundle ? ":bundle" : "");
}
