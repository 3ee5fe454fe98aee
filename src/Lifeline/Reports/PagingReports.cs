using System.Globalization;
using Lifeline.Api;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Reports;

/// <summary>
/// What paging costs the people on call (pages per person, per ISO week and at night, to spot burnout) and how well each
/// channel reaches people (from the notification history). Drill pages are left out: drills have a report of their own.
/// Only names appear: the directory shows them to every signed-in account; no contact value is read here.
/// </summary>
public sealed class PagingReports(LifelineDbContext db, TimeProvider time)
{
    /// <summary>Night in the organisation's time zone: a page from 22:00 up to 06:00 wakes someone.</summary>
    public static readonly TimeOnly NightStarts = new(22, 0);
    public static readonly TimeOnly NightEnds = new(6, 0);

    public static bool IsNight(DateTimeOffset local) => TimeOnly.FromTimeSpan(local.TimeOfDay) is var t && (t >= NightStarts || t < NightEnds);

    public async Task<Outcome<OnCallLoadReport>> OnCallLoadAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var (start, end) = (period.Start, period.End);
        var notifications = await (from n in db.Notifications.AsNoTracking()
                                   join i in db.Incidents.AsNoTracking() on n.IncidentId equals i.Id
                                   join p in db.People.AsNoTracking() on n.PersonId equals p.Id
                                   where !i.IsDrill && n.FallbackOfId == null && n.CreatedAt >= start && n.CreatedAt < end
                                         && (n.Template == TemplateKeys.TierPage || n.Template == TemplateKeys.Level2Page)
                                   select new { PersonId = p.Id, p.Name, n.IdempotencyKey, n.CreatedAt }).ToListAsync(ct);
        // One page to one person goes out on several channels, one notification each: the key without its channel is the page.
        var pages = notifications.GroupBy(n => (n.PersonId, Page: n.IdempotencyKey[..Math.Max(0, n.IdempotencyKey.LastIndexOf(':'))]))
            .Select(g => (g.Key.PersonId, g.First().Name, Local: period.Local(g.Min(n => n.CreatedAt)))).ToList();
        var weeks = pages.GroupBy(p => (p.PersonId, p.Name, Week: Week(p.Local)))
            .Select(g => new OnCallLoadRow(g.Key.Name, g.Key.Week, g.Count(), g.Count(p => IsNight(p.Local))))
            .OrderBy(r => r.Person, StringComparer.Ordinal).ThenBy(r => r.Week, StringComparer.Ordinal).ToList();
        var people = pages.GroupBy(p => (p.PersonId, p.Name)).Select(g =>
            {
                var busiest = g.GroupBy(p => Week(p.Local)).OrderByDescending(w => w.Count()).ThenBy(w => w.Key, StringComparer.Ordinal).First();
                return new OnCallPerson(g.Key.Name, g.Count(), g.Count(p => IsNight(p.Local)), busiest.Key, busiest.Count());
            })
            .OrderByDescending(p => p.Pages).ThenBy(p => p.Person, StringComparer.Ordinal).ToList();
        return new OnCallLoadReport(period.From, period.To, period.TimeZone, NightStarts, NightEnds, people, weeks);
    }

    public async Task<Outcome<ChannelReport>> ChannelsAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var (start, end) = (period.Start, period.End);
        var counts = await db.Notifications.AsNoTracking()
            .Where(n => n.CreatedAt >= start && n.CreatedAt < end && (n.IncidentId == null || !db.Incidents.Any(i => i.Id == n.IncidentId && i.IsDrill)))
            .GroupBy(n => new { n.Channel, n.Status }).Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var rows = counts.GroupBy(c => c.Channel).OrderBy(g => g.Key).Select(g =>
        {
            int Of(NotificationStatus status) => g.Where(c => c.Status == status).Sum(c => c.Count);
            var (sent, delivered, failed) = (Of(NotificationStatus.Sent), Of(NotificationStatus.Delivered), Of(NotificationStatus.Failed));
            var total = g.Sum(c => c.Count);
            return new ChannelReportRow(g.Key.ToString(), total, sent, delivered, failed, total - sent - delivered - failed,
                Percentiles.Percent(sent + delivered, sent + delivered + failed));
        }).ToList();
        return new ChannelReport(period.From, period.To, period.TimeZone, rows);
    }

    private static string Week(DateTimeOffset local) =>
        $"{ISOWeek.GetYear(local.DateTime)}-W{ISOWeek.GetWeekOfYear(local.DateTime).ToString("D2", CultureInfo.InvariantCulture)}";
}
