using Lifeline.Escalation.Policies;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Lifeline.Targets;

namespace Lifeline.Communication;

public sealed record CommunicationRuleView(CommunicationEvent Event, ShiftKind? Shift, IReadOnlyList<TargetView> Recipients,
    NotificationChannel Channel, NotificationChannel? Fallback, string? Instruction);
public sealed record CommunicationPlanView(Guid Id, string Name, string? Description, IReadOnlyList<int> Severities, bool IsEnabled,
    IReadOnlyList<CommunicationRuleView> Rules, DateTimeOffset UpdatedAt);
public sealed record CommunicationRuleRequest(CommunicationEvent? Event, ShiftKind? Shift, IReadOnlyList<EscalationTarget>? Recipients,
    NotificationChannel? Channel, NotificationChannel? Fallback, string? Instruction);
public sealed record CommunicationPlanRequest(string Name, string? Description, IReadOnlyList<int>? Severities, bool? IsEnabled, IReadOnlyList<CommunicationRuleRequest>? Rules);
