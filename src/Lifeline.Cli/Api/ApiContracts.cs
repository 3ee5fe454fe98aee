namespace Lifeline.Cli.Api;

// The server's JSON as the command reads it. Enums stay strings, so a kind the server adds later
// is shown as it comes instead of failing the whole command.

internal sealed record AccountView(Guid Id, string UserName, Guid? PersonId, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil);

internal sealed record TokenLoginRequest(string UserName, string Password, string? TokenName, string? Code = null);

internal sealed record IssuedToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

internal sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

internal sealed record PersonSummary(Guid Id, string Name, string? Title, string TimeZone, int ContactMethodCount);

internal sealed record PersonDetails(Guid Id, string Name, string? Title, string TimeZone, string? Notes,
    IReadOnlyList<ContactMethodView> ContactMethods, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams);

internal sealed record ContactMethodView(Guid Id, string Kind, string Value, bool Masked, string? Label,
    bool CanSms, bool CanVoice, int Priority, DateTimeOffset? VerifiedAt)
{
    public bool IsPhone => Kind is "CellPhone" or "OfficePhone";
}

internal sealed record RoleHolderView(Guid PersonId, string Name, string? Title, int Position);

internal sealed record RoleView(Guid Id, string Name, string? Responsibilities, IReadOnlyList<RoleHolderView> Holders, Guid? ScheduleId = null, string? ScheduleName = null);

internal sealed record TeamMemberView(Guid PersonId, string Name, string? Title, bool IsLead);

internal sealed record TeamView(Guid Id, string Name, string? Description, string Kind, string? Phone, string? Email, IReadOnlyList<TeamMemberView> Members);

internal sealed record ServiceView(Guid Id, string Name, string? Description, Guid ServiceAreaId, string ServiceArea, bool IsMajorEnterpriseService, bool IsPublicFacing,
    bool OnPublicStatusPage = false);

/// <summary>An RFC 9457 problem, with the field errors of a validation problem.</summary>
internal sealed record ProblemDetails(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors);

internal sealed record ScheduleSummary(Guid Id, string Name, string? Description, string TimeZone, int LayerCount);

internal sealed record OnCallEntry(Guid PersonId, string Name, DateTimeOffset Since, DateTimeOffset Until, string Why);

internal sealed record ShiftPerson(Guid PersonId, string Name, string Why);

internal sealed record ShiftView(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ShiftPerson> People, bool Gap);

internal sealed record OnCallView(Guid ScheduleId, string ScheduleName, DateTimeOffset At, string TimeZone, IReadOnlyList<OnCallEntry> OnCall, bool IsGap, ShiftView? Next);

/// <summary>One line of an escalation policy's dry run (POST escalation-policies/{id}/dry-run).</summary>
internal sealed record DryRunLine(int Minute, int Repeat, int Tier, string Person, string? Channel, bool Paged, string Why);

internal sealed record EscalationDryRunView(string PolicyName, string ServiceName, DateTimeOffset At, string Shift, bool Escalates, string Summary,
    IReadOnlyList<DryRunLine> Lines, int EndsAtMinute, string End);

/// <summary>One line of a communication plan's dry run (POST communication-plans/{id}/dry-run).</summary>
internal sealed record PlanDryRunLine(string Event, string Template, int Rule, string Person, string? Channel, string? Fallback, bool Told, string Why);

internal sealed record PlanDryRunView(string PlanName, string ServiceName, DateTimeOffset At, string Shift, bool Applies, string Summary, IReadOnlyList<PlanDryRunLine> Lines);

/// <summary>GET shift-calendar/now.</summary>
internal sealed record ShiftNow(string Shift, string Reason, DateTimeOffset LocalTime, string TimeZone);
