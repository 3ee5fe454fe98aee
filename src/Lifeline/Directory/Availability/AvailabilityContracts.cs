namespace Lifeline.Directory.Availability;

public sealed record AbsenceRequest(DateTimeOffset? From, DateTimeOffset? To, Guid? StandInId, string? Reason);
public sealed record AbsenceView(Guid Id, Guid PersonId, DateTimeOffset From, DateTimeOffset To, Guid? StandInId, string? StandInName, string? Reason, bool ActiveNow);
public sealed record AvailabilityView(Guid PersonId, bool AvailableNow, AbsenceView? CurrentAbsence, IReadOnlyList<AbsenceView> Absences);
