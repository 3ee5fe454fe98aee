using Lifeline.Api;
using Lifeline.Communication;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Lifeline.Severity;
using Lifeline.Shifts;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Console.Communication;

/// <summary>
/// The dry-run panel of a communication plan: a service, a moment in the shift calendar's zone and a severity, and the
/// answer of <see cref="CommunicationPlanDryRun"/> (the same the API's POST .../dry-run gives) as a table of event, person,
/// channel, fallback and why.
/// </summary>
public partial class PlanDryRunPanel
{
    [Parameter, EditorRequired] public Guid PlanId { get; set; }
    /// <summary>When the plan was saved: a new save drops an answer about the plan as it was.</summary>
    [Parameter] public DateTimeOffset Version { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<ServiceView> _services = [];
    private IReadOnlyList<SeverityLevelView> _severities = [];
    private string _zone = "UTC";
    private Guid? _serviceId;
    private DateTime? _at;
    private int? _severity;
    private Problem? _problem;
    private CommunicationPlanDryRunView? _result;
    private DateTimeOffset _version;

    protected override async Task OnInitializedAsync()
    {
        var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
        _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((c, _) => c.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        _severities = await Session.RunAsync<SeverityCatalogue, IReadOnlyList<SeverityLevelView>>((c, _) => c.ListAsync(CancellationToken.None));
        _zone = (await Session.RunAsync<ShiftCalendars, ShiftCalendarView>((c, _) => c.GetAsync(CancellationToken.None))).TimeZone;
        var now = Time.GetUtcNow().ToInstant().InZone(Zone).LocalDateTime;
        _at = now.Date.At(new LocalTime(now.Hour, now.Minute)).ToDateTimeUnspecified();
    }

    protected override void OnParametersSet()
    {
        if (_version != Version)
        {
            _version = Version;
            _result = null;
        }
    }

    private DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(_zone) ?? DateTimeZone.Utc;

    private async Task RunAsync()
    {
        // The moment is typed as a wall-clock time in the calendar's zone; a time skipped or doubled by a clock change is taken leniently.
        DateTimeOffset? at = _at is { } local ? LocalDateTime.FromDateTime(local).InZoneLeniently(Zone).ToDateTimeOffset() : null;
        var request = new CommunicationPlanDryRunRequest(_serviceId, at, _severity);
        var outcome = await Session.RunAsync<CommunicationPlanDryRun, Outcome<CommunicationPlanDryRunView>>((d, actor) => d.RunAsync(actor, PlanId, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _result = outcome.Value;
    }

    private string Local(DateTimeOffset at) =>
        at.ToInstant().InZone(Zone).ToString("dddd d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({_zone})";

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
