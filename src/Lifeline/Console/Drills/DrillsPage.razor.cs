using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Lifeline.Drills;
using Lifeline.Escalation.Policies;
using Lifeline.Shifts;
using Lifeline.Storage;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Drills;

/// <summary>
/// The drill history, the schedules, for admins and incident managers a form to run a drill now, and for admins a form to
/// schedule drills. The rules are the drill service's, called with the signed-in person as the actor, as the API does.
/// </summary>
public partial class DrillsPage
{
    /// <summary>The recurrences the form offers, as the iCalendar rules the drill service takes (the API takes any rule).</summary>
    private static readonly (string Rule, string Words)[] Recurrences =
    [
        ("FREQ=MONTHLY;INTERVAL=2", "Every two months"),
        ("FREQ=MONTHLY", "Every month"),
        ("FREQ=MONTHLY;INTERVAL=3", "Every three months"),
        ("FREQ=MONTHLY;INTERVAL=6", "Every six months"),
        ("FREQ=WEEKLY", "Every week"),
    ];

    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<DrillSummary> _history = [];
    private IReadOnlyList<DrillScheduleView> _schedules = [];
    private IReadOnlyList<ServiceView> _services = [];
    private IReadOnlyList<EscalationPolicyView> _policies = [];
    private bool _canRun;
    private Guid? _serviceId;
    private Guid? _policyId;
    private Problem? _problem;
    private string? _done;
    private bool _canSchedule;
    private ScheduleForm _schedule = new();
    private Problem? _scheduleProblem;
    private string? _scheduled;

    /// <summary>What the schedule form holds while it is typed in.</summary>
    private sealed class ScheduleForm
    {
        public string? Name { get; set; }
        public Guid? ServiceId { get; set; }
        public Guid? PolicyId { get; set; }
        public string Recurrence { get; set; } = Recurrences[0].Rule;
        /// <summary>
        /// As the browser gives it (yyyy-MM-ddTHH:mm, seconds optional): kept as text, since Blazor's own date binding
        /// drops a datetime-local value without seconds.
        /// </summary>
        public string? FirstAt { get; set; }

        public DateTime? FirstLocal => DateTime.TryParseExact(FirstAt, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var at) ? at : null;
        public string? TimeZone { get; set; }
    }

    protected override async Task OnInitializedAsync()
    {
        var actor = await Session.ActorAsync();
        _canRun = actor.IsInAnyRole(LifelineRoles.Admin, LifelineRoles.IncidentManager);
        _canSchedule = actor.IsInAnyRole(LifelineRoles.Admin);
        _history = await Session.RunAsync<DrillReports, IReadOnlyList<DrillSummary>>((r, _) => r.HistoryAsync(null, null, null, CancellationToken.None));
        _schedules = await Session.RunAsync<DrillService, IReadOnlyList<DrillScheduleView>>((d, _) => d.SchedulesAsync(CancellationToken.None));
        if (_canRun || _canSchedule)
        {
            var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
            _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((c, _) => c.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
            _policies = (await Session.RunAsync<EscalationPolicyCatalogue, Page<EscalationPolicyView>>((c, _) => c.ListAsync(all, CancellationToken.None))).Items;
        }
        if (_canSchedule)
        {
            // The organisation's zone to start with: drills usually follow its working hours.
            _schedule.TimeZone = await Session.RunAsync<LifelineDbContext, string>(async (db, _) => (await ShiftCalendars.CurrentAsync(db, CancellationToken.None)).TimeZone);
        }
    }

    private async Task ScheduleAsync()
    {
        _scheduled = null;
        var form = _schedule;
        var request = new ScheduleDrillRequest(form.Name, form.ServiceId, form.PolicyId, form.Recurrence, form.FirstLocal, form.TimeZone);
        var outcome = await Session.RunAsync<DrillService, Outcome<DrillScheduleView>>((d, actor) => d.ScheduleAsync(actor, request, CancellationToken.None));
        _scheduleProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } schedule)
        {
            _scheduled = $"Scheduled: {schedule.Name}, next on {schedule.NextRunAt:yyyy-MM-dd HH:mm} UTC.";
            _schedules = await Session.RunAsync<DrillService, IReadOnlyList<DrillScheduleView>>((d, _) => d.SchedulesAsync(CancellationToken.None));
            _schedule = new ScheduleForm { TimeZone = form.TimeZone };
        }
    }

    /// <summary>A schedule's rule in words when the form offered it, else the rule itself.</summary>
    internal static string Describe(string rule) =>
        Recurrences.FirstOrDefault(r => string.Equals(r.Rule, rule, StringComparison.OrdinalIgnoreCase)).Words?.ToLowerInvariant() ?? rule;

    private async Task RunAsync()
    {
        _done = null;
        var request = new RunDrillRequest(_serviceId, _policyId);
        var outcome = await Session.RunAsync<DrillService, Outcome<DrillSummary>>((d, actor) => d.RunAsync(actor, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } drill)
        {
            Navigation.NavigateTo($"/drills/{drill.Id}");
        }
    }
}
