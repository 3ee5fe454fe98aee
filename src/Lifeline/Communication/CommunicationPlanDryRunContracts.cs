using Lifeline.Notifications;
using Lifeline.Shifts;

namespace Lifeline.Communication;

/// <summary>A dry run of a plan: an incident of <c>serviceId</c> at <c>at</c>, of a severity (the plan's first when not given).</summary>
public sealed record CommunicationPlanDryRunRequest(Guid? ServiceId, DateTimeOffset? At, int? Severity);

/// <summary>
/// One recipient of one rule: on which event (<c>Template</c> is the message they get), by which channel, with which fallback
/// should that fail later, and why they are in the list; <c>Told</c> is false for someone named but not reached.
/// </summary>
public sealed record PlanDryRunLine(CommunicationEvent Event, string Template, int Rule, Guid? PersonId, string Person,
    NotificationChannel? Channel, NotificationChannel? Fallback, bool Told, string? Instruction, string Why);

public sealed record CommunicationPlanDryRunView(Guid PlanId, string PlanName, Guid ServiceId, string ServiceName, DateTimeOffset At,
    ShiftKind Shift, string ShiftReason, int Severity, bool Applies, string Summary, IReadOnlyList<PlanDryRunLine> Lines);
