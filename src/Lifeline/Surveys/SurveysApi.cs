using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Server;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Surveys;

public sealed record SurveyView(string IncidentNumber, string Title, DateTimeOffset ExpiresAt, string Question);
public sealed record SurveyAnswerRequest(int? Rating, string? Comment);
public sealed record SurveyAnswerView(string IncidentNumber, int Rating, string? Comment, DateTimeOffset AnsweredAt);

/// <summary>The customer's side of the survey: anonymous, the token in the link is the only credential.</summary>
public static class SurveysApi
{
    public const string Question = "How satisfied are you with how this incident was handled? 1 (not at all) to 5 (very).";

    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys").AllowAnonymous().AsAnonymousEntry(BodyLimits.Small);
        surveys.MapGet("/{token}", Get).WithSummary("What a survey link is about (incident number and title)")
            .WithDescription("404 for an unknown link, 409 once answered, 410 once expired.");
        surveys.MapPost("/{token}", Answer).WithSummary("Answer a customer satisfaction survey: rating 1–5 and a comment, once")
            .WithDescription("404 for an unknown link, 409 once answered, 410 once expired.");
        return api;
    }

    private static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Get(string token, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (invitation, incident, refusal) = await FindAsync(token, db, time, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        return TypedResults.Ok(new SurveyView(incident!.Number, incident.Title, invitation!.ExpiresAt, Question));
    }

    private static async Task<Results<Ok<SurveyAnswerView>, ValidationProblem, ProblemHttpResult>> Answer(
        string token, SurveyAnswerRequest request, LifelineDbContext db, IncidentTimeline timeline, TimeProvider time, CancellationToken ct)
    {
        var (invitation, incident, refusal) = await FindAsync(token, db, time, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var v = new Validator().Optional("comment", request.Comment, 4000);
        if (request.Rating is not (>= 1 and <= 5))
        {
            v.Add("rating", "rating is required, from 1 (not at all satisfied) to 5 (very satisfied).");
        }
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        var now = time.GetUtcNow();
        invitation!.Answer(request.Rating!.Value, request.Comment, now);
        timeline.Append(incident!.Id, TimelineKinds.SurveyAnswered, $"The customer rated the handling {request.Rating}/5.", "customer");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Answered();
        }
        return TypedResults.Ok(new SurveyAnswerView(incident.Number, invitation.Rating!.Value, invitation.Comment, now));
    }

    private static async Task<(SurveyInvitation?, Incident?, ProblemHttpResult?)> FindAsync(string token, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var hash = token.Length is > 0 and <= 100 ? SurveyInvitation.Hash(token) : "";
        var invitation = await db.SurveyInvitations.FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (invitation is null)
        {
            // The token is a credential: never echo it back.
            return (null, null, TypedResults.Problem(detail: "This survey link is not known.", statusCode: StatusCodes.Status404NotFound, title: "Not found"));
        }
        if (invitation.AnsweredAt is not null)
        {
            return (null, null, Answered());
        }
        if (invitation.IsExpired(time.GetUtcNow()))
        {
            return (null, null, TypedResults.Problem(detail: $"This survey link expired at {invitation.ExpiresAt:u}.",
                statusCode: StatusCodes.Status410Gone, title: "The survey has expired"));
        }
        var incident = await db.Incidents.AsNoTracking().FirstAsync(i => i.Id == invitation.IncidentId, ct);
        return (invitation, incident, null);
    }

    private static ProblemHttpResult Answered() =>
        Problems.Conflict("This survey has already been answered; a link works once.", "The survey has already been answered");
}
