namespace Lifeline.Drills;

/// <summary>Schedules drills for a service and a policy: a first time in a zone and an iCalendar recurrence rule.</summary>
public sealed record ScheduleDrillRequest(string? Name, Guid? ServiceId, Guid? PolicyId, string? Recurrence, DateTime? FirstAt, string? TimeZone);

/// <summary>Runs a drill now for a service and a policy.</summary>
public sealed record RunDrillRequest(Guid? ServiceId, Guid? PolicyId);

public sealed record DrillScheduleView(Guid Id, string Name, Guid ServiceId, string ServiceName, Guid PolicyId, string PolicyName,
    string Recurrence, DateTime FirstAt, string TimeZone, DateTimeOffset? NextRunAt, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>One drill in the history: enough to chart reachability over time and to join with other reports.</summary>
public sealed record DrillSummary(Guid Id, string IncidentNumber, Guid ServiceId, string ServiceName, Guid? PolicyId, string PolicyName, Guid? ScheduleId,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Finished, int PeoplePaged, int PeopleReachable, double? MedianSecondsToAcknowledge);

/// <summary>Why a person was flagged: what the drill found wrong with how they are reached.</summary>
public enum DrillFinding
{
    /// <summary>A call or a text message failed for good: the provider refused the number (wrong number) or the call failed.</summary>
    FailedNumber,
    /// <summary>The call was not answered (no answer, busy, voicemail) or nobody acknowledged before the tier's wait ran out.</summary>
    NoAnswer,
    /// <summary>An e-mail page was refused by the mail server (bounced).</summary>
    BouncedEmail,
    /// <summary>A contact method the drill used has never been verified with a test message.</summary>
    Unverified,
}

/// <summary>One page of the drill to one person on one channel: when it was queued, what the provider said, when it was answered.</summary>
public sealed record DrillChannelResult(string Channel, string ContactMethodKind, bool Verified, DateTimeOffset PagedAt, string Status,
    DateTimeOffset? AnsweredAt, double? SecondsToAcknowledge, string? Problem);

/// <summary>
/// One person the drill paged: reachable (answered on at least one channel) and how fast, or not and why; the flags say
/// what to fix. <see cref="ReachableLastTime"/> compares with the previous drill of the same policy that paged them.
/// </summary>
public sealed record DrillPersonResult(Guid PersonId, string Name, int Tier, bool Reachable, double? FastestSeconds, string? FastestChannel,
    IReadOnlyList<DrillFinding> Flags, string? Reason, IReadOnlyList<DrillChannelResult> Channels, bool? ReachableLastTime);

/// <summary>The drill report: who was reachable how fast (per channel), who was not and why, against the previous drills.</summary>
public sealed record DrillReport(DrillSummary Drill, IReadOnlyList<DrillPersonResult> People, IReadOnlyList<DrillSummary> Previous, DateTimeOffset? FollowUpSentAt);
