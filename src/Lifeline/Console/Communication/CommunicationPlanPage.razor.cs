using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Communication;
using Lifeline.Console.Targets;
using Lifeline.Console.Widgets;
using Lifeline.Severity;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Communication;

/// <summary>
/// One communication plan: its rules as sentences for everyone signed in, the editor for admins, and the dry run. Saving
/// and deleting go through <see cref="CommunicationPlanCatalogue"/> as the signed-in person, exactly as the API's PUT, POST
/// and DELETE do; its validation messages are shown beside the fields they name.
/// </summary>
public partial class CommunicationPlanPage
{
    [Parameter] public Guid? Id { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private CommunicationPlanView? _plan;
    private bool _loaded;
    private bool _isAdmin;
    private PlanForm _form = new();
    private Problem? _problem;
    private Problem? _deleteProblem;
    private string? _done;
    private bool _confirmDelete;
    private TargetChoices _choices = TargetChoices.None;
    private IReadOnlyList<SeverityLevelView> _severities = [];

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await Session.ActorAsync()).IsInRole(LifelineRoles.Admin);
        _problem = null;
        _done = null;
        _confirmDelete = false;
        if (Id is { } id)
        {
            _plan = (await Session.RunAsync<CommunicationPlanCatalogue, Outcome<CommunicationPlanView>>((c, _) => c.GetAsync(id, CancellationToken.None))).Value;
            _form = _plan is null ? new() : PlanForm.Of(_plan);
        }
        else
        {
            _plan = null;
            _form = new();
        }
        if (_isAdmin && _choices.IsEmpty)
        {
            _choices = await TargetChoices.LoadAsync(Session);
            _severities = await Session.RunAsync<SeverityCatalogue, IReadOnlyList<SeverityLevelView>>((c, _) => c.ListAsync(CancellationToken.None));
        }
        _loaded = true;
    }

    private void SetSeverity(int level, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _form.Severities.Add(level);
        }
        else
        {
            _form.Severities.Remove(level);
        }
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = _form.Request();
        var outcome = Id is { } id
            ? await Session.RunAsync<CommunicationPlanCatalogue, Outcome<CommunicationPlanView>>((c, actor) => c.UpdateAsync(actor, id, request, CancellationToken.None))
            : await Session.RunAsync<CommunicationPlanCatalogue, Outcome<CommunicationPlanView>>((c, actor) => c.CreateAsync(actor, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (Id is null)
        {
            Navigation.NavigateTo($"/communication-plans/{saved.Id}");
            return;
        }
        _plan = saved;
        _form = PlanForm.Of(saved);
        _done = "Saved. Incidents from now on are told by this plan.";
    }

    private async Task DeleteAsync()
    {
        if (_plan is not { } plan)
        {
            return;
        }
        var outcome = await Session.RunAsync<CommunicationPlanCatalogue, Outcome<Guid>>((c, actor) => c.DeleteAsync(actor, plan.Id, CancellationToken.None));
        _deleteProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/communication-plans?deleted={Uri.EscapeDataString(plan.Name)}");
        }
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
