using Lifeline.Targets;
using Lifeline.Notifications;

namespace Lifeline.Escalation.Policies;

/// <summary>
/// One step of a policy: who is paged, on which channels (in order: "voice call, then SMS"), and
/// how long to wait for an acknowledgement before the next tier.
/// </summary>
public sealed record EscalationTier(IReadOnlyList<EscalationTarget> Targets, IReadOnlyList<NotificationChannel> Channels, TimeSpan Wait);
