using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Api;

/// <summary>RFC 9457 problem results with Lifeline's wording.</summary>
public static class Problems
{
    public static ProblemHttpResult Conflict(string detail, string title = "The request conflicts with the current state") =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(detail: $"No {what} with id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
