using System.Globalization;
using Lifeline.Api;

namespace Lifeline.Reports;

/// <summary>
/// The reports as CSV: the same rows and figures as the JSON, under headers of the same names; numbers in the invariant
/// culture (a dot for the decimal point whatever the server's language), empty where there is nothing to compute from.
/// Customer comments are free text: one starting like a formula is escaped so a spreadsheet shows it rather than runs it.
/// </summary>
public static class ReportCsv
{
    public static byte[] Incidents(IncidentReport report) => Write(
        ["group", "incidents", "acknowledged", "acknowledgedByMonitoring", "resolved", "mttaMedianMinutes", "mttaP90Minutes", "mttrMedianMinutes", "mttrP90Minutes",
         "acknowledgeMet", "acknowledgeBreached", "acknowledgeCompliancePercent", "updateMet", "updateBreached", "updateCompliancePercent",
         "resolveMet", "resolveBreached", "resolveCompliancePercent"],
        report.Groups.Append(report.Total).Select(r => new[]
        {
            r.Group, N(r.Incidents), N(r.Acknowledged), N(r.AcknowledgedByMonitoring), N(r.Resolved), N(r.MttaMedianMinutes), N(r.MttaP90Minutes),
            N(r.MttrMedianMinutes), N(r.MttrP90Minutes), N(r.AcknowledgeMet), N(r.AcknowledgeBreached), N(r.AcknowledgeCompliancePercent),
            N(r.UpdateMet), N(r.UpdateBreached), N(r.UpdateCompliancePercent), N(r.ResolveMet), N(r.ResolveBreached), N(r.ResolveCompliancePercent),
        }));

    public static byte[] Escalations(EscalationReport report) => Write(
        ["group", "escalations", "neededTier2OrLater", "neededTier2OrLaterPercent", "exhausted"],
        report.Groups.Append(report.Total).Select(r => new[] { r.Group, N(r.Escalations), N(r.NeededTier2OrLater), N(r.NeededTier2OrLaterPercent), N(r.Exhausted) }));

    public static byte[] OnCallLoad(OnCallLoadReport report) => Write(
        ["person", "week", "pages", "nightPages"],
        report.Weeks.Select(r => new[] { r.Person, r.Week, N(r.Pages), N(r.NightPages) }));

    public static byte[] Channels(ChannelReport report) => Write(
        ["channel", "notifications", "sent", "delivered", "failed", "unfinished", "successPercent"],
        report.Channels.Select(r => new[] { r.Channel, N(r.Notifications), N(r.Sent), N(r.Delivered), N(r.Failed), N(r.Unfinished), N(r.SuccessPercent) }));

    public static byte[] Satisfaction(SatisfactionReport report) => Write(
        ["incident", "answeredAt", "rating", "comment"],
        report.Answers.Select(a => new[] { a.Incident, CsvFile.Time(a.AnsweredAt), N(a.Rating), a.Comment ?? "" }));

    public static byte[] Drills(DrillHistoryReport report) => Write(
        ["date", "startedAt", "incident", "service", "policy", "finished", "peoplePaged", "peopleReachable", "reachablePercent", "medianSecondsToAcknowledge",
         "failedNumber", "noAnswer", "bouncedEmail", "unverified"],
        report.Drills.Select(d => new[]
        {
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            d.Incident, d.Service, d.Policy, d.Finished ? "true" : "false", N(d.PeoplePaged), N(d.PeopleReachable), N(d.ReachablePercent), N(d.MedianSecondsToAcknowledge),
            N(d.FailedNumber), N(d.NoAnswer), N(d.BouncedEmail), N(d.Unverified),
        }));

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    private static byte[] Write(string[] header, IEnumerable<string[]> rows) => CsvFile.Write(header, rows);
}
