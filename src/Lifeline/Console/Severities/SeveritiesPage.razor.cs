using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Severity;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Severities;

/// <summary>The severity catalogue for administrators: one form per level, each saved through <see cref="SeverityCatalogue"/> as the API's PUT is.</summary>
public partial class SeveritiesPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private List<SeverityForm> _forms = [];
    private readonly Dictionary<int, Problem?> _problems = [];
    private readonly Dictionary<int, string?> _done = [];

    protected override async Task OnInitializedAsync() =>
        _forms = [.. (await Session.RunAsync<SeverityCatalogue, IReadOnlyList<SeverityLevelView>>((c, _) => c.ListAsync(CancellationToken.None))).Select(SeverityForm.Of)];

    private Problem? Problem(SeverityForm form) => _problems.GetValueOrDefault(form.Level);

    private async Task SaveAsync(SeverityForm form)
    {
        _done[form.Level] = null;
        var request = form.Request();
        var outcome = await Session.RunAsync<SeverityCatalogue, Outcome<SeverityLevelView>>((c, actor) => c.UpdateAsync(actor, form.Level, request, CancellationToken.None));
        _problems[form.Level] = Widgets.Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            _forms[_forms.IndexOf(form)] = SeverityForm.Of(saved);
            _done[form.Level] = $"Severity {saved.Level} saved.";
        }
    }
}
