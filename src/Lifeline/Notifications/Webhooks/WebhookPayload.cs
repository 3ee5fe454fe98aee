namespace Lifeline.Notifications.Webhooks;

/// <summary>The generic webhook's JSON body.</summary>
public sealed record WebhookPayload(
    Guid NotificationId, string? IncidentNumber, int? Severity, string? Status, bool IsDrill, string Template, string Subject, string Text, DateTimeOffset SentAt);
