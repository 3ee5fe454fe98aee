using Lifeline.Targets;
using Lifeline.Notifications;

namespace Lifeline.Escalation.Policies;

public sealed record TargetView(TargetKind Kind, Guid? Id, string Name);
public sealed record TierView(int Position, IReadOnlyList<TargetView> Targets, IReadOnlyList<NotificationChannel> Channels, TimeSpan Wait);
public sealed record EscalationPolicyView(Guid Id, string Name, string? Description, int RepeatCount, bool IsDefault,
    IReadOnlyList<TierView> Tiers, IReadOnlyList<string> UsedByServices, IReadOnlyList<string> UsedByTeams, DateTimeOffset UpdatedAt);
public sealed record TierRequest(IReadOnlyList<EscalationTarget>? Targets, IReadOnlyList<NotificationChannel>? Channels, TimeSpan? Wait);
public sealed record EscalationPolicyRequest(string Name, string? Description, int? RepeatCount, IReadOnlyList<TierRequest>? Tiers);
