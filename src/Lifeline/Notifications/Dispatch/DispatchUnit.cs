namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// What one send carries: a single notification, or several for the same contact method sent as
/// one bundled message led by the first (<see cref="IsBundle"/>).
/// </summary>
public sealed record DispatchUnit(NotificationChannel Channel, IReadOnlyList<Guid> NotificationIds, Guid? ContactMethodId, string Destination)
{
    public Guid LeadId => NotificationIds[0];

    public bool IsBundle => NotificationIds.Count > 1;
}
