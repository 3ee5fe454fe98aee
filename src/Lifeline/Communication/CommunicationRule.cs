using Lifeline.Targets;
using Lifeline.Notifications;
using Lifeline.Shifts;

namespace Lifeline.Communication;

/// <summary>
/// On <paramref name="Event"/>, during <paramref name="Shift"/> (null: any shift), tell
/// <paramref name="Recipients"/> by <paramref name="Channel"/>; if that fails for good, by
/// <paramref name="Fallback"/>. <paramref name="Instruction"/> is a request to the recipient (the
/// seed's "The Director of Operations will call the CIO and DCIO"); it becomes a task on the
/// timeline that the recipient confirms.
/// </summary>
public sealed record CommunicationRule(
    CommunicationEvent Event,
    ShiftKind? Shift,
    IReadOnlyList<EscalationTarget> Recipients,
    NotificationChannel Channel,
    NotificationChannel? Fallback,
    string? Instruction);
