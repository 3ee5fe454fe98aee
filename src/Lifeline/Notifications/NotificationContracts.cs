namespace Lifeline.Notifications;

/// <summary>One notification as the API shows it: to whom, how, what happened. The destination is masked by role.</summary>
public sealed record NotificationView(
    Guid Id, string? IncidentNumber, Guid? PersonId, string? PersonName, Guid? TeamId, NotificationChannel Channel, string? Destination, string Template,
    NotificationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt, int Attempts, string? LastError,
    string? ProviderMessageId, Guid? BundleId, Guid? FallbackOfId, IReadOnlyList<NotificationHistoryView> History);

public sealed record NotificationHistoryView(NotificationStatus Status, DateTimeOffset At, string? Detail);

/// <summary>Filters of <c>GET /api/v1/notifications</c>: <c>?status=Failed&amp;channel=Sms&amp;from=...&amp;to=...&amp;page=1&amp;pageSize=50</c>.</summary>
public sealed record NotificationQuery
{
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    public NotificationStatus? Status { get; init; }
    public NotificationChannel? Channel { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}
