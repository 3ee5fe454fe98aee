using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Lifeline.Incidents;
using Lifeline.Reviews;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Reviews;

/// <summary>
/// The form that writes or revises a post-incident review. It holds what is typed; the review service decides (who may
/// write, whether the incident is resolved, every field's rule), called with the signed-in person as the actor.
/// </summary>
public partial class ReviewForm
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    [Parameter, EditorRequired] public string Number { get; set; } = "";
    [Parameter] public ReviewView? Review { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<TimelineEntryView> Timeline { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<PersonSummary> People { get; set; } = [];
    [Parameter] public EventCallback<ReviewView> Saved { get; set; }

    private string? _summary;
    private string? _impact;
    private string? _causes;
    private HashSet<Guid> _picked = [];
    private List<ActionRow> _actions = [];
    private Problem? _problem;
    private string? _done;
    private Guid? _loaded;

    /// <summary>One action as typed; <see cref="Id"/> names an open action already in the review.</summary>
    private sealed class ActionRow
    {
        public Guid? Id { get; init; }
        public string? Text { get; set; }
        public Guid? OwnerId { get; set; }
        public DateOnly? DueOn { get; set; }
    }

    protected override void OnParametersSet()
    {
        // Filled from the review once (and again after a save): a re-render must not overwrite what is being typed.
        if (Review is { } review && _loaded != review.Id)
        {
            Load(review);
        }
    }

    private void Load(ReviewView review)
    {
        _loaded = review.Id;
        (_summary, _impact, _causes) = (review.Summary, review.Impact, review.Causes);
        _picked = [.. review.Excerpts.Select(e => e.Id)];
        // Actions already done stay as they are: the form edits the open ones.
        _actions = [.. review.Actions.Where(a => a.Open).Select(a => new ActionRow { Id = a.Id, Text = a.Text, OwnerId = a.OwnerId, DueOn = a.DueOn })];
    }

    private void Pick(Guid entry, bool picked)
    {
        if (picked)
        {
            _picked.Add(entry);
        }
        else
        {
            _picked.Remove(entry);
        }
    }

    private async Task SaveAsync()
    {
        _done = null;
        // In the timeline's order, whatever order they were ticked in.
        var excerpts = Timeline.Where(e => _picked.Contains(e.Id)).Select(e => e.Id).ToList();
        var request = new ReviewRequest(_summary, _impact, _causes, excerpts,
            [.. _actions.Select(a => new ReviewActionRequest(a.Id, a.Text, a.OwnerId, a.DueOn))]);
        var outcome = await Session.RunAsync<ReviewService, Outcome<ReviewView>>((r, actor) => r.WriteAsync(actor, Number, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            Load(saved);
            _done = "The review is saved.";
            await Saved.InvokeAsync(saved);
        }
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
