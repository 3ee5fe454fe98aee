using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Lifeline.Drills;
using Lifeline.Escalation.Policies;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Drills;

/// <summary>The drill history, the schedules, and for admins and incident managers a form to run a drill now. The rules are the drill service's.</summary>
public partial class DrillsPage
{
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

    protected override async Task OnInitializedAsync()
    {
        var actor = await Session.ActorAsync();
        _canRun = actor.IsInAnyRole(LifelineRoles.Admin, LifelineRoles.IncidentManager);
        _history = await Session.RunAsync<DrillReports, IReadOnlyList<DrillSummary>>((r, _) => r.HistoryAsync(null, null, null, CancellationToken.None));
        _schedules = await Session.RunAsync<DrillService, IReadOnlyList<DrillScheduleView>>((d, _) => d.SchedulesAsync(CancellationToken.None));
        if (_canRun)
        {
            var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
            _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((c, _) => c.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
            _policies = (await Session.RunAsync<EscalationPolicyCatalogue, Page<EscalationPolicyView>>((c, _) => c.ListAsync(all, CancellationToken.None))).Items;
        }
    }

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
