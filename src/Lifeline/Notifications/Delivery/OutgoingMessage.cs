namespace Lifeline.Notifications.Delivery;

/// <summary>
/// What a channel sender sends: the notification, where to (an E.164 number, an e-mail address, a
/// webhook URL; personal data, never logged), the content, and the idempotency key to hand to
/// providers that take one.
/// </summary>
public sealed record OutgoingMessage(Notification Notification, string Destination, RenderedMessage Content, string IdempotencyKey);
