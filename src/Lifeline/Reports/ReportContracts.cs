namespace Lifeline.Reports;

/// <summary>
/// One group of the incident report (or the total): counts, mean-time-to figures as median and 90th percentile in minutes,
/// and compliance with each service-level target. Flat, so the JSON and the CSV carry the same columns.
/// </summary>
/// <param name="Group">The severity ("Severity 1"), service, service area or month (yyyy-MM); "Total" for all.</param>
/// <param name="Incidents">Incidents opened in the period (drills left out).</param>
/// <param name="Acknowledged">Acknowledged by a person; MTTA is over these.</param>
/// <param name="AcknowledgedByMonitoring">Acknowledged by monitoring when its alerts resolved: not a person's answer, so
/// left out of MTTA and of the acknowledge target.</param>
/// <param name="Resolved">Resolved (by anyone, monitoring included); MTTR is over these.</param>
public sealed record IncidentReportRow(
    string Group, int Incidents, int Acknowledged, int AcknowledgedByMonitoring, int Resolved,
    double? MttaMedianMinutes, double? MttaP90Minutes, double? MttrMedianMinutes, double? MttrP90Minutes,
    int AcknowledgeMet, int AcknowledgeBreached, double? AcknowledgeCompliancePercent,
    int UpdateMet, int UpdateBreached, double? UpdateCompliancePercent,
    int ResolveMet, int ResolveBreached, double? ResolveCompliancePercent);

/// <summary>The incident report: one row per group, then the total.</summary>
public sealed record IncidentReport(DateOnly From, DateOnly To, string TimeZone, ReportGrouping GroupBy, IReadOnlyList<IncidentReportRow> Groups, IncidentReportRow Total);

/// <summary>Pages one person received in one ISO week, and how many of them at night.</summary>
public sealed record OnCallLoadRow(string Person, string Week, int Pages, int NightPages);

/// <summary>A person's pages over the whole period, and their busiest week.</summary>
public sealed record OnCallPerson(string Person, int Pages, int NightPages, string BusiestWeek, int BusiestWeekPages);

/// <summary>
/// Pages per person, per ISO week and at night. A page is one escalation step (tier or Level 2 page) to one person,
/// whatever the number of channels it went out on; night is <see cref="NightStarts"/> to <see cref="NightEnds"/> in
/// <see cref="TimeZone"/>, the organisation's zone.
/// </summary>
public sealed record OnCallLoadReport(DateOnly From, DateOnly To, string TimeZone, TimeOnly NightStarts, TimeOnly NightEnds,
    IReadOnlyList<OnCallPerson> People, IReadOnlyList<OnCallLoadRow> Weeks);

/// <summary>Escalations of one group: how many reached tier 2 or later (or went round the policy again), how many nobody answered.</summary>
public sealed record EscalationReportRow(string Group, int Escalations, int NeededTier2OrLater, double? NeededTier2OrLaterPercent, int Exhausted);

public sealed record EscalationReport(DateOnly From, DateOnly To, string TimeZone, ReportGrouping GroupBy, IReadOnlyList<EscalationReportRow> Groups, EscalationReportRow Total);

/// <summary>
/// One channel's notifications: success is sent or delivered over those finished (sent, delivered or failed for good);
/// pending and cancelled ones are counted but not judged.
/// </summary>
public sealed record ChannelReportRow(string Channel, int Notifications, int Sent, int Delivered, int Failed, int Unfinished, double? SuccessPercent);

public sealed record ChannelReport(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<ChannelReportRow> Channels);

/// <summary>One customer's answer to the satisfaction survey.</summary>
public sealed record SatisfactionAnswer(string Incident, DateTimeOffset AnsweredAt, int Rating, string? Comment);

/// <summary>How many answers gave each rating, 1 (not at all satisfied) to 5 (very satisfied).</summary>
public sealed record RatingCount(int Rating, int Answers);

/// <summary>Survey answers given in the period: the average rating, how many gave each rating, and every answer with its comment.</summary>
public sealed record SatisfactionReport(DateOnly From, DateOnly To, string TimeZone, int AnswerCount, double? AverageRating,
    IReadOnlyList<RatingCount> Distribution, IReadOnlyList<SatisfactionAnswer> Answers);

/// <summary>
/// One drill of the drill history: when (the instant, and the day in the organisation's zone), what it rehearsed, how many
/// people it paged and reached, the median seconds to acknowledge of those who answered, and how many people were
/// flagged for each reason (a person can have several flags; an unverified contact method can go with a reachable person).
/// </summary>
public sealed record DrillHistoryRow(string Incident, DateTimeOffset StartedAt, DateOnly Date, string Service, string Policy, bool Finished,
    int PeoplePaged, int PeopleReachable, double? ReachablePercent, double? MedianSecondsToAcknowledge,
    int FailedNumber, int NoAnswer, int BouncedEmail, int Unverified, Guid DrillId);

/// <summary>The drills that started in the period, oldest first.</summary>
public sealed record DrillHistoryReport(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<DrillHistoryRow> Drills);
