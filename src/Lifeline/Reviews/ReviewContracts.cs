namespace Lifeline.Reviews;

/// <summary>One action as written in a review: an existing one is named by its id; without one it is new.</summary>
public sealed record ReviewActionRequest(Guid? Id, string? Text, Guid? OwnerId, DateOnly? DueOn);

/// <summary>
/// The whole review as the incident manager writes it. The actions listed replace the review's open actions (an open one
/// left out is dropped); actions already done stay as they are.
/// </summary>
public sealed record ReviewRequest(string? Summary, string? Impact, string? Causes, IReadOnlyList<Guid>? TimelineEntryIds, IReadOnlyList<ReviewActionRequest>? Actions);

public sealed record ReviewExcerpt(Guid Id, DateTimeOffset OccurredAt, string Actor, string Kind, string Text);

public sealed record ReviewActionView(Guid Id, string Text, Guid? OwnerId, string OwnerName, DateOnly DueOn, bool Open, DateTimeOffset? DoneAt, string? DoneBy);

public sealed record ReviewView(Guid Id, string IncidentNumber, string IncidentTitle, string Summary, string Impact, string Causes,
    IReadOnlyList<ReviewExcerpt> Excerpts, IReadOnlyList<ReviewActionView> Actions, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An action still to do, with the incident it came from: the open-actions list, due first.</summary>
public sealed record OpenReviewAction(Guid Id, string Text, Guid? OwnerId, string OwnerName, DateOnly DueOn, bool Overdue, string IncidentNumber, string IncidentTitle);
