using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.Services;
using Lifeline.Severity;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Severities;

/// <summary>
/// The classification rules for administrators: the list in the order they are tried, a form to add or change one, moving
/// and removing, and a "try it" box that asks <see cref="SeverityClassifier"/> what it would propose, as the API's classify does.
/// </summary>
public partial class ClassificationRulesPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<ClassificationRuleView> _rules = [];
    private IReadOnlyList<SeverityLevelView> _levels = [];
    private IReadOnlyList<ServiceView> _services = [];
    private IReadOnlyList<OrganisationView> _organisations = [];
    private RuleForm _form = RuleForm.New(10);
    private string? _editing;
    private Problem? _problem;
    private string? _done;
    private Guid? _confirmRemove;
    private Problem? _listProblem;
    private string? _listDone;

    private Guid? _tryService;
    private ImpactScope _tryScope = ImpactScope.MajorityOrTotal;
    private ServiceState _tryState = ServiceState.Down;
    private Guid? _tryOrganisation;
    private Problem? _tryProblem;
    private ClassificationView? _tried;

    protected override async Task OnInitializedAsync()
    {
        _levels = await Session.RunAsync<SeverityCatalogue, IReadOnlyList<SeverityLevelView>>((c, _) => c.ListAsync(CancellationToken.None));
        _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((c, _) =>
            c.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        _organisations = (await Session.RunAsync<OrganisationDirectory, Outcome<Page<OrganisationView>>>((d, _) =>
            d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        await LoadAsync();
        New();
    }

    private async Task LoadAsync() =>
        _rules = await Session.RunAsync<ClassificationRuleCatalogue, IReadOnlyList<ClassificationRuleView>>((c, _) => c.ListAsync(CancellationToken.None));

    /// <summary>A new rule goes last unless the admin gives another order: the catch-all usually stays last, so they will.</summary>
    private void New()
    {
        _form = RuleForm.New((_rules.Count == 0 ? 0 : _rules.Max(r => r.Order)) + 10);
        _editing = null;
        _problem = null;
    }

    private void Edit(ClassificationRuleView rule)
    {
        _form = RuleForm.Of(rule);
        _editing = rule.Name;
        _problem = null;
        _done = null;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = _form.Request();
        var id = _form.Id;
        var outcome = await Session.RunAsync<ClassificationRuleCatalogue, Outcome<ClassificationRuleView>>((c, actor) => id is { } existing
            ? c.UpdateAsync(actor, existing, request, CancellationToken.None)
            : c.CreateAsync(actor, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            await LoadAsync();
            New();
            _done = id is null ? $"Added the rule {saved.Name}." : $"Saved the rule {saved.Name}.";
        }
    }

    private async Task MoveAsync(ClassificationRuleView rule, bool up)
    {
        _listDone = null;
        var request = new ClassificationRuleMoveRequest(up ? "up" : "down");
        var outcome = await Session.RunAsync<ClassificationRuleCatalogue, Outcome<IReadOnlyList<ClassificationRuleView>>>((c, actor) =>
            c.MoveAsync(actor, rule.Id, request, CancellationToken.None));
        _listProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } rules)
        {
            _rules = rules;
            _listDone = $"Moved {rule.Name} {(up ? "up" : "down")}.";
        }
    }

    private async Task RemoveAsync(ClassificationRuleView rule)
    {
        _listDone = null;
        _confirmRemove = null;
        var outcome = await Session.RunAsync<ClassificationRuleCatalogue, Outcome<Guid>>((c, actor) => c.DeleteAsync(actor, rule.Id, CancellationToken.None));
        _listProblem = Problem.Of(outcome.Refusal);
        if (_listProblem is null)
        {
            await LoadAsync();
            if (_form.Id == rule.Id)
            {
                New();
            }
            _listDone = $"Removed the rule {rule.Name}.";
        }
    }

    private async Task TryAsync()
    {
        var request = new ClassifyRequest(_tryService, _tryScope, _tryState, _tryOrganisation);
        var outcome = await Session.RunAsync<SeverityClassifier, Outcome<ClassificationView>>((c, _) => c.ProposeAsync(request, CancellationToken.None));
        _tryProblem = Problem.Of(outcome.Refusal);
        _tried = outcome.Value;
    }
}
