namespace Lifeline.Surveys;

/// <summary>What a survey link is about, in plain words for the customer; <c>ResolvedAt</c> in the organisation's time zone.</summary>
public sealed record SurveyDetails(string IncidentNumber, string Title, string Service, DateTimeOffset? ResolvedAt, DateTimeOffset ExpiresAt, string TimeZone);

public sealed record SurveyView(string IncidentNumber, string Title, DateTimeOffset ExpiresAt, string Question);
public sealed record SurveyAnswerRequest(int? Rating, string? Comment);
public sealed record SurveyAnswerView(string IncidentNumber, int Rating, string? Comment, DateTimeOffset AnsweredAt);
