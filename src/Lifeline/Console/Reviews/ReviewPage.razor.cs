using Lifeline.Api;
using Lifeline.Reviews;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Reviews;

/// <summary>An incident's post-incident review as the review service gives it, with its Markdown export beside it.</summary>
public partial class ReviewPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Parameter] public string Number { get; set; } = "";

    private ReviewView? _review;

    protected override async Task OnParametersSetAsync() =>
        _review = (await Session.RunAsync<ReviewService, Outcome<ReviewView>>((r, _) => r.GetAsync(Number, CancellationToken.None))).Value;
}
