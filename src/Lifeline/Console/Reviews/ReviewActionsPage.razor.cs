using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Reviews;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Reviews;

/// <summary>The open actions of every review until they are done; who may mark one done is the review service's rule.</summary>
public partial class ReviewActionsPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<OpenReviewAction> _actions = [];
    private Problem? _problem;
    private string? _done;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        _actions = await Session.RunAsync<ReviewService, IReadOnlyList<OpenReviewAction>>((r, _) => r.OpenActionsAsync(CancellationToken.None));

    private async Task DoneAsync(Guid id)
    {
        _done = null;
        var outcome = await Session.RunAsync<ReviewService, Outcome<ReviewActionView>>((r, actor) => r.CompleteActionAsync(actor, id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } action)
        {
            _done = $"Done: {action.Text}";
            await LoadAsync();
        }
    }
}
