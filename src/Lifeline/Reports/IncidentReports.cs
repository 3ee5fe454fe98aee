using System.Globalization;
using Lifeline.Alerts;
using Lifeline.Api;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.ServiceLevels;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Reports;

/// <summary>
/// How well the procedure performs, over the incidents opened in a period (drills left out: they have a report of their
/// own): counts, MTTA and MTTR, compliance with each service-level target, and how far escalations had to go. Every time is
/// the time things happened, so an incident typed in from a manual log counts as it happened on paper.
/// </summary>
public sealed class IncidentReports(LifelineDbContext db, TimeProvider time)
{
    /// <summary>
    /// Monitoring acknowledges an incident that is still escalating in the same breath as it resolves it when all its
    /// alerts resolve (AlertIngest). Such an acknowledgement answered no page; one made through monitoring earlier (a
    /// person acknowledging in their monitoring tool) did, and counts.
    /// </summary>
    private static readonly TimeSpan AutoResolveWindow = TimeSpan.FromSeconds(5);

    private sealed record Facts(Guid Id, int Severity, string Service, string Area, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt,
        DateTimeOffset? ResolvedAt, bool ByMonitoring, bool Reminded, IReadOnlyList<(ServiceLevelTarget Target, ServiceLevelOutcome Outcome)> Targets);

    public async Task<Outcome<IncidentReport>> IncidentsAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var facts = await FactsAsync(period, ct);
        var groups = Group(facts.Select(f => (f, new GroupKeys(f.Severity, f.Service, f.Area, f.OpenedAt))), period)
            .Select(g => Row(g.Key, g.Items)).ToList();
        return new IncidentReport(period.From, period.To, period.TimeZone, period.GroupBy, groups, Row("Total", facts));
    }

    public async Task<Outcome<EscalationReport>> EscalationsAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var (start, end) = (period.Start, period.End);
        var runs = await (from r in db.EscalationRuns.AsNoTracking()
                          join i in db.Incidents.AsNoTracking() on r.IncidentId equals i.Id
                          join s in db.Services.AsNoTracking() on i.ServiceId equals s.Id
                          join a in db.ServiceAreas.AsNoTracking() on s.ServiceAreaId equals a.Id
                          where !i.IsDrill && i.OpenedAt >= start && i.OpenedAt < end
                          select new { r.Tier, r.Cycle, r.State, i.Severity, Service = s.Name, Area = a.Name, i.OpenedAt }).ToListAsync(ct);
        EscalationReportRow Row(string group, IReadOnlyCollection<(int Tier, int Cycle, EscalationRunState State)> items)
        {
            var further = items.Count(r => r.Tier >= 1 || r.Cycle >= 1);
            return new EscalationReportRow(group, items.Count, further, Percentiles.Percent(further, items.Count), items.Count(r => r.State == EscalationRunState.Exhausted));
        }
        var groups = Group(runs.Select(r => ((r.Tier, r.Cycle, r.State), new GroupKeys(r.Severity, r.Service, r.Area, r.OpenedAt))), period)
            .Select(g => Row(g.Key, g.Items)).ToList();
        return new EscalationReport(period.From, period.To, period.TimeZone, period.GroupBy, groups, Row("Total", [.. runs.Select(r => (r.Tier, r.Cycle, r.State))]));
    }

    private async Task<List<Facts>> FactsAsync(ReportPeriod period, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var incidents = from i in db.Incidents.AsNoTracking() where !i.IsDrill && i.OpenedAt >= start && i.OpenedAt < end select i;
        var rows = await (from i in incidents
                          join s in db.Services.AsNoTracking() on i.ServiceId equals s.Id
                          join a in db.ServiceAreas.AsNoTracking() on s.ServiceAreaId equals a.Id
                          select new { i.Id, i.Severity, Service = s.Name, Area = a.Name, i.OpenedAt, i.AcknowledgedAt, i.ResolvedAt }).ToListAsync(ct);
        var viaMonitoring = $" via {AlertIngest.Channel}.";
        var monitoringAcks = (await (from e in db.TimelineEntries.AsNoTracking()
                                     join i in incidents on e.IncidentId equals i.Id
                                     where e.Kind == TimelineKinds.Acknowledged && e.Text.EndsWith(viaMonitoring)
                                     select e.IncidentId).ToListAsync(ct)).ToHashSet();
        var reminded = (await (from e in db.TimelineEntries.AsNoTracking()
                               join i in incidents on e.IncidentId equals i.Id
                               where e.Kind == ServiceLevelTimelineKinds.UpdateReminder
                               select e.IncidentId).ToListAsync(ct)).ToHashSet();
        var results = (await (from r in db.ServiceLevelResults.AsNoTracking()
                              join i in incidents on r.IncidentId equals i.Id
                              select new { r.IncidentId, r.Target, r.Outcome }).ToListAsync(ct)).ToLookup(r => r.IncidentId);
        return [.. rows.Select(r => new Facts(r.Id, r.Severity, r.Service, r.Area, r.OpenedAt, r.AcknowledgedAt, r.ResolvedAt,
            ByMonitoring: monitoringAcks.Contains(r.Id) && r.AcknowledgedAt is { } ack && r.ResolvedAt is { } resolved && resolved - ack <= AutoResolveWindow,
            Reminded: reminded.Contains(r.Id),
            [.. results[r.Id].Select(x => (x.Target, x.Outcome))]))];
    }

    private static IncidentReportRow Row(string group, IReadOnlyCollection<Facts> facts)
    {
        var human = facts.Where(f => f.AcknowledgedAt is not null && !f.ByMonitoring).ToList();
        var resolved = facts.Where(f => f.ResolvedAt is not null).ToList();
        var mtta = human.Select(f => (f.AcknowledgedAt!.Value - f.OpenedAt).TotalMinutes).ToList();
        var mttr = resolved.Select(f => (f.ResolvedAt!.Value - f.OpenedAt).TotalMinutes).ToList();
        int Count(ServiceLevelTarget target, ServiceLevelOutcome outcome, bool humanOnly) =>
            facts.Where(f => !humanOnly || !f.ByMonitoring).Sum(f => f.Targets.Count(t => t.Target == target && t.Outcome == outcome));
        var (ackMet, ackBreached) = (Count(ServiceLevelTarget.Acknowledge, ServiceLevelOutcome.Met, true), Count(ServiceLevelTarget.Acknowledge, ServiceLevelOutcome.Breached, true));
        var (resolveMet, resolveBreached) = (Count(ServiceLevelTarget.Resolve, ServiceLevelOutcome.Met, false), Count(ServiceLevelTarget.Resolve, ServiceLevelOutcome.Breached, false));
        // The update cadence: breached once the incident manager had to be reminded; met when it was resolved without.
        var updateBreached = facts.Count(f => f.Reminded);
        var updateMet = facts.Count(f => !f.Reminded && f.ResolvedAt is not null);
        return new IncidentReportRow(group, facts.Count, human.Count, facts.Count(f => f.ByMonitoring), resolved.Count,
            Percentiles.Median(mtta), Percentiles.P90(mtta), Percentiles.Median(mttr), Percentiles.P90(mttr),
            ackMet, ackBreached, Percentiles.Percent(ackMet, ackMet + ackBreached),
            updateMet, updateBreached, Percentiles.Percent(updateMet, updateMet + updateBreached),
            resolveMet, resolveBreached, Percentiles.Percent(resolveMet, resolveMet + resolveBreached));
    }

    /// <summary>What an incident is grouped by.</summary>
    private sealed record GroupKeys(int Severity, string Service, string Area, DateTimeOffset OpenedAt);

    /// <summary>Groups by the period's grouping, in a reading order: severities and months ascending, names alphabetically.</summary>
    private static IEnumerable<(string Key, List<T> Items)> Group<T>(IEnumerable<(T Item, GroupKeys Keys)> items, ReportPeriod period)
    {
        string KeyOf(GroupKeys k) => period.GroupBy switch
        {
            ReportGrouping.Severity => $"Severity {k.Severity}",
            ReportGrouping.Service => k.Service,
            ReportGrouping.ServiceArea => k.Area,
            _ => period.Local(k.OpenedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
        return items.GroupBy(x => KeyOf(x.Keys))
            .OrderBy(g => period.GroupBy == ReportGrouping.Severity ? g.First().Keys.Severity : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.Item).ToList()));
    }
}
