using System.Globalization;
using Lifeline.Console.Widgets;
using Lifeline.Reports;
using Lifeline.Storage;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Reports;

/// <summary>
/// The reports for incident managers, admins, directors and viewers: the period and grouping from the address, each
/// report from its domain service, and a CSV link to the API carrying the same query.
/// </summary>
public partial class ReportsPage
{
    private static readonly (string Value, string Label)[] Groupings =
        [("severity", "Severity"), ("service", "Service"), ("serviceArea", "Service area"), ("month", "Month")];

    [Inject] private IncidentReports IncidentReports { get; set; } = default!;
    [Inject] private PagingReports PagingReports { get; set; } = default!;
    [Inject] private SatisfactionReports SatisfactionReports { get; set; } = default!;
    [Inject] private DrillHistoryReports DrillReports { get; set; } = default!;
    [Inject] private LifelineDbContext Db { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery] private string? From { get; set; }
    [SupplyParameterFromQuery] private string? To { get; set; }
    [SupplyParameterFromQuery] private string? GroupBy { get; set; }

    private ReportPeriod? _period;
    private Problem? _problem;
    private IncidentReport? _incidents;
    private EscalationReport? _escalations;
    private OnCallLoadReport? _load;
    private ChannelReport? _channels;
    private SatisfactionReport? _satisfaction;
    private DrillHistoryReport? _drills;

    private string SelectedGrouping => _period?.GroupBy.ToString() ?? GroupBy ?? "severity";

    protected override async Task OnInitializedAsync()
    {
        var query = new ReportQuery(From, To, GroupBy);
        var parsed = await ReportPeriod.ParseAsync(query, Db, Time, CancellationToken.None);
        if (parsed.Refusal is { } refusal)
        {
            _problem = Problem.Of(refusal);
            return;
        }
        _period = parsed.Value;
        _incidents = (await IncidentReports.IncidentsAsync(query, CancellationToken.None)).Value;
        _escalations = (await IncidentReports.EscalationsAsync(query, CancellationToken.None)).Value;
        _load = (await PagingReports.OnCallLoadAsync(query, CancellationToken.None)).Value;
        _channels = (await PagingReports.ChannelsAsync(query, CancellationToken.None)).Value;
        _satisfaction = (await SatisfactionReports.SatisfactionAsync(query, CancellationToken.None)).Value;
        _drills = (await DrillReports.DrillsAsync(query, CancellationToken.None)).Value;
    }

    private string Csv(string report) => _period is { } p
        ? $"/api/v1/reports/{report}?from={p.From:yyyy-MM-dd}&to={p.To:yyyy-MM-dd}&groupBy={Uri.EscapeDataString(p.GroupBy.ToString())}&format=csv"
        : "";

    private string? Described(string field) => _problem?.For(field).Any() == true ? $"report-{field}-error" : null;

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;

    private static string GroupingName(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.ServiceArea => "service area",
        _ => grouping.ToString().ToLowerInvariant(),
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Min(double? minutes) => minutes?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—";

    private static string Pct(double? percent) => percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Target(int met, int breached, double? percent) => met + breached == 0 ? "—" : $"{Pct(percent)} ({met} met, {breached} breached)";

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "—";

    private static string Failures(DrillHistoryRow drill)
    {
        var parts = new[]
        {
            (drill.FailedNumber, "wrong number or failed call"), (drill.NoAnswer, "no answer"), (drill.BouncedEmail, "bounced e-mail"), (drill.Unverified, "unverified"),
        }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Say(IEnumerable<string> parts) => parts.Any() ? string.Join(", ", parts) : "none";
}
