namespace Lifeline.Incidents;

/// <summary>Why an incident operation did nothing, in terms the API turns into a problem response.</summary>
public sealed record IncidentFailure(int Status, string Title, string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null, IReadOnlyList<IncidentStatus>? AllowedTransitions = null)
{
    public static IncidentFailure NotFound(string number) => new(StatusCodes.Status404NotFound, "Not found", $"No incident with number '{number}'.");

    public static IncidentFailure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", "See errors.", errors);

    public static IncidentFailure Refused(Incident incident, string action) =>
        new(StatusCodes.Status409Conflict, "The incident cannot make this transition",
            $"{incident.Number} is {incident.Status} and cannot be {action}. Allowed from {incident.Status}: " +
            (IncidentLifecycle.AllowedFrom(incident.Status) is { Count: > 0 } allowed ? string.Join(", ", allowed) : "nothing, it is final") + ".",
            AllowedTransitions: IncidentLifecycle.AllowedFrom(incident.Status));

    public static IncidentFailure Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IncidentFailure ChangedMeanwhile(string number) =>
        new(StatusCodes.Status409Conflict, "The incident changed meanwhile", $"{number} was changed by someone else at the same time; read it again and retry.");
}

/// <summary>The result of an <see cref="IncidentService"/> operation: the incident, or why not.</summary>
public sealed record IncidentOutcome(Incident? Incident, IncidentFailure? Failure)
{
    /// <summary>True when an open from a manual log found the incident already imported.</summary>
    public bool AlreadyExisted { get; init; }
    /// <summary>Set by a close: the survey link for the customer (it contains the token, so it is never logged).</summary>
    public string? SurveyLink { get; init; }
    public DateTimeOffset? SurveyExpiresAt { get; init; }

    public static implicit operator IncidentOutcome(IncidentFailure failure) => new(null, failure);

    public static IncidentOutcome Of(Incident incident) => new(incident, null);
}
