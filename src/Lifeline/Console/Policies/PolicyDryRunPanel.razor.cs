using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Lifeline.Escalation.Policies;
using Lifeline.Severity;
using Lifeline.Shifts;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Console.Policies;

/// <summary>
/// The dry-run panel of a policy: a service, a moment in the shift calendar's zone and a severity, and the answer of
/// <see cref="EscalationDryRun"/> (the same the API's POST .../dry-run gives) as a table of minute, person, channel and why.
/// </summary>
public partial class PolicyDryRunPanel
{
    [Parameter, EditorRequired] public Guid PolicyId { get; set; }
    /// <summary>When the policy was saved: a new save drops an answer about the policy as it was.</summary>
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
    private EscalationDryRunView? _result;
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
        var request = new EscalationDryRunRequest(_serviceId, at, _severity);
        var outcome = await Session.RunAsync<EscalationDryRun, Outcome<EscalationDryRunView>>((d, actor) => d.RunAsync(actor, PolicyId, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _result = outcome.Value;
    }

    private string Local(DateTimeOffset at) =>
        at.ToInstant().InZone(Zone).ToString("dddd d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({_zone})";

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
