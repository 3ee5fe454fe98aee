using Lifeline.Notifications.Delivery;

namespace Lifeline.Notifications.Dispatch;

/// <summary>A finished send: the provider's answer, or null when the pass stopped before it came (the lease recovers the unit).</summary>
public sealed record DeliveryOutcome(DispatchUnit Unit, SendOutcome? Outcome);
