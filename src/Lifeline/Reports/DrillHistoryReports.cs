using Lifeline.Api;
using Lifeline.Drills;
using Lifeline.Storage;

namespace Lifeline.Reports;

/// <summary>
/// The drill history over a period, one row per drill: how many people it paged, the share it reached, the median time
/// to acknowledge, and how many people were flagged for each reason. The figures are the drill reports' own
/// (<see cref="DrillReports"/>), so this page and each drill's report never disagree.
/// </summary>
public sealed class DrillHistoryReports(LifelineDbContext db, DrillReports drills, TimeProvider time)
{
    public async Task<Outcome<DrillHistoryReport>> DrillsAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var rows = new List<DrillHistoryRow>();
        // The history is newest first; a report reads oldest first, as its chart does.
        foreach (var summary in (await drills.HistoryAsync(period.Start, period.End, null, ct)).Reverse())
        {
            var report = await drills.ReportAsync(summary.Id, ct);
            var people = report?.People ?? [];
            int Flagged(DrillFinding finding) => people.Count(p => p.Flags.Contains(finding));
            rows.Add(new DrillHistoryRow(summary.IncidentNumber, summary.StartedAt, DateOnly.FromDateTime(period.Local(summary.StartedAt).DateTime),
                summary.ServiceName, summary.PolicyName, summary.Finished, summary.PeoplePaged, summary.PeopleReachable,
                Percentiles.Percent(summary.PeopleReachable, summary.PeoplePaged), summary.MedianSecondsToAcknowledge,
                Flagged(DrillFinding.FailedNumber), Flagged(DrillFinding.NoAnswer), Flagged(DrillFinding.BouncedEmail), Flagged(DrillFinding.Unverified), summary.Id));
        }
        return new DrillHistoryReport(period.From, period.To, period.TimeZone, rows);
    }
}
