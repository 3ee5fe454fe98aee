using Lifeline.Notifications;
using Lifeline.Shifts;

namespace Lifeline.Escalation.Policies;

/// <summary>A dry run: the policy's escalation for an incident of <c>serviceId</c> opened at <c>at</c>, optionally of a severity.</summary>
public sealed record EscalationDryRunRequest(Guid? ServiceId, DateTimeOffset? At, int? Severity);

/// <summary>
/// One line of a dry run: a page (person and channel) or someone the tier named but would not reach (no channel), with why.
/// <c>Minute</c> counts from the moment the incident opens; <c>Repeat</c> is 0 for the first pass, <c>Tier</c> 1-based.
/// </summary>
public sealed record DryRunLine(int Minute, TimeSpan Offset, DateTimeOffset At, int Repeat, int Tier, Guid? PersonId, string Person,
    NotificationChannel? Channel, bool Paged, string Why);

public sealed record EscalationDryRunView(Guid PolicyId, string PolicyName, Guid ServiceId, string ServiceName, DateTimeOffset At,
    ShiftKind Shift, string ShiftReason, int? Severity, bool Escalates, string Summary, IReadOnlyList<DryRunLine> Lines,
    int EndsAtMinute, string End);
