using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Reviews;

/// <summary>The post-incident review of an incident, its Markdown export, and the open actions of every review.</summary>
public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Reviews").NormalisesIncidentNumbers();
        incidents.MapGet("/{number}/review", Get).WithSummary("The post-incident review: summary, impact, timeline excerpts, causes and actions")
            .WithDescription("?format=markdown gives it as a Markdown document.");
        incidents.MapPut("/{number}/review", Write).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Write or revise the review of a resolved incident (incident manager)")
            .WithDescription("timelineEntryIds picks excerpts from the incident's timeline. actions replace the open actions: name an existing one by id to keep "
                + "or change it, leave it out to drop it; each has a text, an owner (person id) and a due date. Actions already done stay.");
        var actions = api.MapGroup("/review-actions").WithTags("Reviews");
        actions.MapGet("/", Open).WithSummary("Every review action not done yet, the earliest due first");
        actions.MapPost("/{id:guid}/done", Done).WithSummary("Mark a review action done (its owner, an incident manager or an admin)");
        return api;
    }

    private static async Task<Results<Ok<ReviewView>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(string number, ReviewService reviews,
        CancellationToken ct, string? format = null)
    {
        if (format is not null && !format.Equals("markdown", StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid("format", "format is json or markdown.");
        }
        var outcome = await reviews.GetAsync(number, ct);
        if (outcome.Refusal is { } refusal)
        {
            // Reading refuses only with a 404 (no such incident, or no review yet).
            return TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
        }
        return "markdown".Equals(format, StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Text(ReviewMarkdown.Write(outcome.Value!), "text/markdown; charset=utf-8")
            : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Write(string number, ReviewRequest request, Actor actor, ReviewService reviews, CancellationToken ct) =>
        await reviews.WriteAsync(actor, number, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ReviewView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Ok<IReadOnlyList<OpenReviewAction>>> Open(ReviewService reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.OpenActionsAsync(ct));

    private static async Task<Results<Ok<ReviewActionView>, ValidationProblem, ProblemHttpResult>> Done(Guid id, Actor actor, ReviewService reviews, CancellationToken ct) =>
        await reviews.CompleteActionAsync(actor, id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ReviewActionView>>() : TypedResults.Ok(outcome.Value!);
}
