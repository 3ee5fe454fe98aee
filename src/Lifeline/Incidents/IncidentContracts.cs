using Lifeline.Directory.Services;
using Lifeline.Severity;

namespace Lifeline.Incidents;

public sealed record OpenIncidentRequest(string Title, string? Description, Guid? ServiceId, Guid? OrganisationId,
    string? ReporterName, string? ReporterContact, int? Severity, string? SeverityReason, ImpactScope? ImpactScope, ServiceState? ServiceState,
    Guid? IncidentManagerId, bool? IsDrill, DateTimeOffset? OpenedAt, string? ManualLogId)
{
    /// <summary>With <see cref="OpenedAt"/>: page and notify now as for a new incident (it is still going on). Without it, nothing is sent.</summary>
    public bool? Notify { get; init; }
}

/// <summary>
/// For an incident entered from a manual log: when the event happened, and whether to send now what it would have sent.
/// </summary>
public abstract record BackdatedRequest
{
    /// <summary>When it happened; only for an incident entered from a manual log. Absent: now.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    /// <summary>With <see cref="OccurredAt"/>: send the notices the event sends (to stakeholders, Level 2 teams) now. Default: send nothing.</summary>
    public bool? Notify { get; init; }

    public Backdate When => new(OccurredAt, Notify ?? false);
}

public sealed record AcknowledgeRequest(Guid? PersonId, string? Channel) : BackdatedRequest;
public sealed record StatusUpdateRequest(string Text, string? IsolatedTo, DateTimeOffset? ExpectedResolutionAt) : BackdatedRequest;
public sealed record ResolveRequest(string Summary) : BackdatedRequest;
public sealed record CloseRequest : BackdatedRequest;
public sealed record ReopenRequest(string Reason);
public sealed record SeverityChangeRequest(int? Severity, string? Reason);
public sealed record IncidentManagerRequest(Guid? PersonId);
public sealed record Level2TeamsRequest(IReadOnlyList<Guid>? TeamIds) : BackdatedRequest;
public sealed record ManualLogEntryRequest(DateTimeOffset? OccurredAt, string? Author, string Text, string? ClientKey);
public sealed record ManualLogRequest(IReadOnlyList<ManualLogEntryRequest>? Entries);

public sealed record ReporterView(string? Name, string? Contact);
public sealed record BridgeView(string? DialIn, string? Pin, string? Link);
public sealed record StatusUpdateView(Guid Id, string Text, string? IsolatedTo, DateTimeOffset? ExpectedResolutionAt, string PostedBy, DateTimeOffset PostedAt);
public sealed record SurveyStateView(DateTimeOffset SentAt, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt, int? Rating, string? Comment);
public sealed record IncidentView(Guid Id, string Number, string Title, string? Description, ServiceRef Service, OrganisationRef? Organisation,
    ReporterView Reporter, int Severity, string SeverityName, int? ProposedSeverity, string? ProposalReason, IncidentStatus Status,
    IReadOnlyList<IncidentStatus> AllowedTransitions, PersonRef? IncidentManager, IReadOnlyList<TeamRef> Level2Teams, BridgeView Bridge,
    IReadOnlyList<StatusUpdateView> StatusUpdates, string? ResolutionSummary, SurveyStateView? Survey, bool IsDrill, string? ManualLogId,
    string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset RecordedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt);
public sealed record ServiceRef(Guid Id, string Name);
public sealed record OrganisationRef(Guid Id, string Name, bool IsVip);
public sealed record IncidentSummary(Guid Id, string Number, string Title, Guid ServiceId, string Service, int Severity, IncidentStatus Status,
    bool IsDrill, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt);
public sealed record ClosedIncidentView(IncidentView Incident, string SurveyLink, DateTimeOffset SurveyExpiresAt);
public sealed record TimelineEntryView(Guid Id, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Actor, string Kind, string Text, bool FromManualLog);
public sealed record ManualLogResult(int Imported, int AlreadyPresent, IReadOnlyList<TimelineEntryView> Timeline);
public sealed record IncidentSearch
{
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    public string? Q { get; init; }
    public IncidentStatus? Status { get; init; }
    public int? Severity { get; init; }
    public Guid? ServiceId { get; init; }
    public DateTimeOffset? OpenedFrom { get; init; }
    public DateTimeOffset? OpenedTo { get; init; }
}
