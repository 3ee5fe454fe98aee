using Lifeline.Notifications;

namespace Lifeline.Escalation;

public sealed record NotifiedView(Guid NotificationId, string? Person, string? Team, NotificationChannel Channel, string Template, NotificationStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);
public sealed record EscalationRunView(Guid Id, Guid? TeamId, string? Team, string Policy, EscalationRunState State,
    int CurrentTier, int TierCount, int Cycle, int RepeatCount, DateTimeOffset StartedAt, DateTimeOffset? LastPagedAt,
    DateTimeOffset? NextStepAt, string? NextStep, string? AcknowledgedBy, string? AcknowledgedVia, DateTimeOffset? EndedAt, IReadOnlyList<NotifiedView> Notified);
public sealed record StakeholderTaskView(Guid Id, Guid PersonId, string Person, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, string? ConfirmedBy);
public sealed record IncidentEscalationView(string Number, string Status, IReadOnlyList<EscalationRunView> Runs, IReadOnlyList<StakeholderTaskView> Tasks,
    IReadOnlyList<NotifiedView> StakeholderNotices);
public sealed record EngageTeamsRequest(IReadOnlyList<Guid>? TeamIds) : Incidents.BackdatedRequest;
