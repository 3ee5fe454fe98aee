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
    string? Instruction)
{
    /// <summary>Whether the rule speaks on this event in this shift: the notifier and the plan's dry run both ask here.</summary>
    public bool AppliesTo(CommunicationEvent e, ShiftKind shift) => Event == e && (Shift is not { } only || only == shift);

    /// <summary>
    /// The channel a recipient is told on: the rule's, or straight away the fallback when the first cannot reach them (no
    /// address for it is as good as a failure); null when neither can. <paramref name="reaches"/> is the caller's test of a
    /// channel: the notifier queues on it, the dry run only looks for a contact method.
    /// </summary>
    public async Task<NotificationChannel?> ChannelAsync(Func<NotificationChannel, bool, Task<bool>> reaches)
    {
        if (await reaches(Channel, true))
        {
            return Channel;
        }
        return Fallback is { } fallback && await reaches(fallback, false) ? fallback : null;
    }
}
