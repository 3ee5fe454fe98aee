using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Surveys;

/// <summary>The customer's side of the survey as JSON: anonymous, the token in the link is the only credential. The rules are <see cref="SurveyAnswers"/>'.</summary>
public static class SurveysApi
{
    public const string Question = SurveyAnswers.Question;

    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys").AllowAnonymous().AsAnonymousEntry(BodyLimits.Small);
        surveys.MapGet("/{token}", Get).WithSummary("What a survey link is about (incident number and title)")
            .WithDescription("404 for an unknown link, 409 once answered, 410 once expired. People answer at /survey/{token}, the HTML page the invitation links to.");
        surveys.MapPost("/{token}", Answer).WithSummary("Answer a customer satisfaction survey: rating 1–5 and a comment, once")
            .WithDescription("404 for an unknown link, 409 once answered, 410 once expired.");
        return api;
    }

    private static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> Get(string token, SurveyAnswers surveys, CancellationToken ct) =>
        await surveys.FindAsync(token, ct) is var found && found.Refusal is { } refusal
            ? refusal.As<Ok<SurveyView>>()
            : TypedResults.Ok(new SurveyView(found.Value!.IncidentNumber, found.Value.Title, found.Value.ExpiresAt, Question));

    private static async Task<Results<Ok<SurveyAnswerView>, ValidationProblem, ProblemHttpResult>> Answer(
        string token, SurveyAnswerRequest request, SurveyAnswers surveys, CancellationToken ct) =>
        await surveys.AnswerAsync(token, request, ct) is var answered && answered.Refusal is { } refusal
            ? refusal.As<Ok<SurveyAnswerView>>()
            : TypedResults.Ok(answered.Value!);
}
