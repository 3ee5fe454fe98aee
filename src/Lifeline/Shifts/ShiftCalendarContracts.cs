namespace Lifeline.Shifts;

public sealed record ShiftCalendarView(string TimeZone, IReadOnlyList<BusinessHours> Hours, IReadOnlyList<Holiday> Holidays);
public sealed record ShiftCalendarRequest(string? TimeZone, IReadOnlyList<BusinessHours>? Hours, IReadOnlyList<Holiday>? Holidays);
public sealed record ShiftNowView(ShiftKind Shift, string Reason, DateTimeOffset LocalTime, string TimeZone);
