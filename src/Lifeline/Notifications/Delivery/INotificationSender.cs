namespace Lifeline.Notifications.Delivery;

/// <summary>
/// Delivers messages of one channel (e-mail over SMTP, SMS and voice through Twilio, chat and
/// generic webhooks). Registered in DI as <c>INotificationSender</c>; the dispatcher picks the one
/// whose <see cref="Channel"/> matches. A sender does one attempt; retries are the dispatcher's.
/// </summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}
