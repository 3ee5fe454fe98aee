using System.Globalization;
using Lifeline.Api;
using Lifeline.Shifts;
using Lifeline.Storage;

namespace Lifeline.Reports;

/// <summary>A report's query as typed (API query string, console picker): checked by <see cref="ReportPeriod.ParseAsync"/>.</summary>
public sealed record ReportQuery(string? From, string? To, string? GroupBy);

/// <summary>How incidents are grouped in a report.</summary>
public enum ReportGrouping
{
    Severity,
    Service,
    ServiceArea,
    Month,
}

/// <summary>
/// The days a report covers, in the organisation's time zone (the shift calendar's): from the start of <see cref="From"/>
/// to the end of <see cref="To"/>. Incidents count by when they were opened (occurred time, so one typed in from a manual
/// log counts on the day it happened); pages, notifications and survey answers by when they were made.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, ReportGrouping GroupBy, TimeZoneInfo Zone)
{
    /// <summary>The longest period one report covers: enough for a year against the last, small enough to stay quick.</summary>
    public const int MaxDays = 800;

    public const int DefaultDays = 30;

    private static readonly ReportGrouping[] Groupings = Enum.GetValues<ReportGrouping>();

    public DateTimeOffset Start => Instant(From);
    public DateTimeOffset End => Instant(To.AddDays(1));
    public string TimeZone => Zone.Id;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private DateTimeOffset Instant(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// Reads the query as typed: dates as yyyy-MM-dd (both optional: the last <see cref="DefaultDays"/> days up to today),
    /// groupBy one of severity, service, serviceArea, month. Every mistake is named beside its field.
    /// </summary>
    public static async Task<Outcome<ReportPeriod>> ParseAsync(ReportQuery query, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (from, to, groupBy) = (query.From, query.To, query.GroupBy);
        var calendar = await ShiftCalendars.CurrentAsync(db, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var errors = new Dictionary<string, string[]>();
        DateOnly? Day(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }
            errors[field] = [$"{field} must be a date as yyyy-MM-dd, such as {today:yyyy-MM-dd}."];
            return null;
        }
        var toDay = Day("to", to) ?? today;
        var fromDay = Day("from", from) ?? toDay.AddDays(1 - DefaultDays);
        var grouping = ReportGrouping.Severity;
        if (!string.IsNullOrWhiteSpace(groupBy))
        {
            // Only the names, not Enum.TryParse: it would take "2" or "severity,month" as well.
            var named = Groupings.Where(g => string.Equals(g.ToString(), groupBy.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1)
            {
                grouping = named[0];
            }
            else
            {
                errors["groupBy"] = ["groupBy must be one of severity, service, serviceArea, month."];
            }
        }
        if (errors.Count == 0 && fromDay > toDay)
        {
            errors["from"] = ["from must be on or before to."];
        }
        if (errors.Count == 0 && toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays)
        {
            errors["to"] = [$"A report covers at most {MaxDays} days."];
        }
        return errors.Count > 0 ? Refusal.Invalid(errors) : new ReportPeriod(fromDay, toDay, grouping, zone);
    }
}
