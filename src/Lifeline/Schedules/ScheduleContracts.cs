namespace Lifeline.Schedules;

/// <summary>
/// A schedule to create or replace. <c>acceptShiftedHandOffs</c> keeps a hand-off time that some day does not
/// exist in the zone (a daylight-saving gap); without it such a time is refused with the time that would be used.
/// </summary>
public sealed record ScheduleRequest(string Name, string? Description, string? TimeZone, IReadOnlyList<ScheduleLayer>? Layers, bool AcceptShiftedHandOffs = false);

public sealed record PersonRef(Guid Id, string Name);

public sealed record GapView(DateTimeOffset From, DateTimeOffset To);

public sealed record ScheduleView(
    Guid Id, string Name, string? Description, string TimeZone, IReadOnlyList<ScheduleLayer> Layers, IReadOnlyList<PersonRef> People,
    IReadOnlyList<OverrideView> Overrides, IReadOnlyList<GapView> GapsNext4Weeks, IReadOnlyList<string> Warnings, string? IcalUrl);

/// <summary>A webcal:// URL to subscribe to; the token in it is the only credential.</summary>
public sealed record CalendarFeedView(string IcalUrl);

public sealed record ScheduleSummary(Guid Id, string Name, string? Description, string TimeZone, int LayerCount);

public sealed record OverrideRequest(OverrideKind? Kind, Guid? PersonId, Guid? ReplacesId, DateTimeOffset? From, DateTimeOffset? To, string? Reason);

public sealed record OverrideView(Guid Id, OverrideKind Kind, Guid PersonId, string PersonName, Guid? ReplacesId, string? ReplacesName,
    DateTimeOffset From, DateTimeOffset To, string? Reason);

/// <summary>Someone on call at the asked instant: since when and until when they are on call without a break, and why.</summary>
public sealed record OnCallEntry(Guid PersonId, string Name, DateTimeOffset Since, DateTimeOffset Until, string Why);

public sealed record OnCallView(Guid ScheduleId, string ScheduleName, DateTimeOffset At, string TimeZone, IReadOnlyList<OnCallEntry> OnCall, bool IsGap,
    ShiftView? Next);

public sealed record ShiftPerson(Guid PersonId, string Name, string Why);

public sealed record ShiftView(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ShiftPerson> People, bool Gap);

public sealed record LayerPieceView(DateTimeOffset From, DateTimeOffset To, Guid PersonId, string Name);

public sealed record LayerLineView(string Name, IReadOnlyList<LayerPieceView> Shifts);

/// <summary>The final shifts of a period (gaps included, flagged), and each layer's own line for a timeline.</summary>
public sealed record ShiftsView(Guid ScheduleId, string TimeZone, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ShiftView> Shifts,
    IReadOnlyList<GapView> Gaps, IReadOnlyList<LayerLineView> Layers);
