using System.Text.Json;

namespace Lifeline.Alerts;

public sealed record AlertRuleRequest(int? Order, string Name, Guid? ServiceId, string? AlertSeverity, string? Source, string? LabelName, string? LabelValue, int? Severity);
public sealed record AlertRuleView(Guid Id, int Order, string Name, Guid? ServiceId, string? AlertSeverity, string? Source, string? LabelName, string? LabelValue, int Severity);
public sealed record ServiceAlertSettingsRequest(int? GroupWindowMinutes, bool? AutoResolve);
public sealed record ServiceAlertSettingsView(Guid ServiceId, int GroupWindowMinutes, bool AutoResolve);
public sealed record KeepOpenRequest(bool? KeepOpen);
public sealed record AlertView(Guid Id, Guid ServiceId, string DedupKey, AlertStatus Status, string Origin, string Summary, string Source, string Severity,
    string? Component, string? Group, string? Class, IReadOnlyDictionary<string, string> Labels, string? Details, IReadOnlyList<AlertLink> Links,
    IReadOnlyList<AlertImage> Images, int Count, DateTimeOffset? DetectedAt, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, string? IncidentNumber);

/// <summary>Lifeline's own event shape (<c>POST /api/v1/alerts/events</c>), with the integration key in the X-Integration-Key header.</summary>
public sealed record NativeAlertEvent(string? Action, string? DedupKey, string? Summary, string? Source, string? Severity, DateTimeOffset? Timestamp,
    string? Component, string? Group, string? Class, Dictionary<string, string>? Labels, JsonElement? Details, List<AlertLinkRequest>? Links, List<AlertImageRequest>? Images);
public sealed record AlertLinkRequest(string? Href, string? Text);
public sealed record AlertImageRequest(string? Src, string? Href, string? Alt);
/// <summary>What an accepted event did: the alert's dedup key (keep it to acknowledge or resolve), its status and its incident.</summary>
public sealed record AlertEventAccepted(string DedupKey, Guid? AlertId, AlertStatus? Status, string? IncidentNumber);
public sealed record HeartbeatMonitorRequest(string Name, int? IntervalSeconds, int? GraceSeconds, string? Severity);
public sealed record HeartbeatMonitorView(Guid Id, Guid ServiceId, string Name, int IntervalSeconds, int GraceSeconds, string Severity,
    DateTimeOffset? LastBeatAt, DateTimeOffset DeadlineAt, DateTimeOffset? MissedAt, string HeartbeatUrl);
public sealed record MaintenanceWindowRequest(Guid? ServiceId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string Reason);
public sealed record MaintenanceWindowView(Guid Id, Guid? ServiceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, string CreatedBy,
    DateTimeOffset? CancelledAt, bool Active)
{
    /// <summary>The recurring maintenance this is one occurrence of, if any.</summary>
    public Guid? RecurringMaintenanceId { get; init; }
}

/// <summary>
/// Maintenance on a schedule: <c>schedule</c> a five-field cron expression ("0 2 * * SUN": Sundays 02:00) read in
/// <c>timeZone</c> (IANA), each occurrence lasting <c>durationMinutes</c> on the wall clock; from <c>startsAt</c> (default now)
/// until <c>until</c> (default for ever). No <c>serviceId</c>: every service.
/// </summary>
public sealed record RecurringMaintenanceRequest(Guid? ServiceId, string? Schedule, string? TimeZone, int? DurationMinutes, string Reason,
    DateTimeOffset? StartsAt = null, DateTimeOffset? Until = null);

/// <summary>A recurring maintenance and its next occurrences (the one in force, if any, first).</summary>
public sealed record RecurringMaintenanceView(Guid Id, Guid? ServiceId, string Schedule, string TimeZone, int DurationMinutes, string Reason, string CreatedBy,
    DateTimeOffset From, DateTimeOffset? Until, DateTimeOffset? CancelledAt, IReadOnlyList<MaintenanceWindowView> Occurrences);
