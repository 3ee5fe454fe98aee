using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Api;

/// <summary>
/// Why a domain service did nothing, in words a person can act on; the API turns it into RFC 9457 problem
/// details, the console shows it beside the form or its fields.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal NotFound(string what, object id) => new(StatusCodes.Status404NotFound, "Not found", $"No {what} with id '{id}'.");

    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", "See errors.", errors);

    public static Refusal Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal Conflict(string detail, string title = "The request conflicts with the current state") =>
        new(StatusCodes.Status409Conflict, title, detail);

    public static Refusal Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>The problem response of an endpoint whose success is a <typeparamref name="TOk"/>.</summary>
    public Results<TOk, ValidationProblem, ProblemHttpResult> As<TOk>() where TOk : IResult => Errors is { } errors
        ? TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value))
        : TypedResults.Problem(detail: Detail, statusCode: Status, title: Title);
}

/// <summary>What a domain service gives back: the value, or the <see cref="Refusal"/> that explains why not.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
