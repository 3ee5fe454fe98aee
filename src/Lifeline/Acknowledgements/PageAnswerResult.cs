namespace Lifeline.Acknowledgements;

/// <summary>What became of an answer to a page; each channel's adapter says it in its own words.</summary>
public enum PageAnswerOutcome
{
    /// <summary>The incident is acknowledged; its paging stopped and the person is its incident manager.</summary>
    Acknowledged,
    /// <summary>A Level 2 team's page is acknowledged for the team; its paging stopped.</summary>
    TeamAcknowledged,
    /// <summary>A drill page is answered: the person's time to acknowledge on this channel is recorded; the drill goes on.</summary>
    DrillAnswered,
    /// <summary>The stakeholder task a notice asked for is confirmed.</summary>
    TaskConfirmed,
    /// <summary>The page was real, but its escalation is over (acknowledged by someone, resolved, closed): nothing changed.</summary>
    NoLongerPaging,
    /// <summary>This page, or this task, was already answered: nothing changed.</summary>
    AlreadyAnswered,
    /// <summary>No page to this person on this channel matches: nothing changed, and nothing is said about any incident.</summary>
    NotPaged,
    /// <summary>The person has live pages for several incidents and the answer did not say which.</summary>
    Ambiguous,
    /// <summary>The page was matched but the incident refused the change (its lifecycle does not allow it).</summary>
    Refused,
}

/// <summary>The outcome of an answer to a page, with what the adapter may tell the person who answered.</summary>
public sealed record PageAnswerResult(PageAnswerOutcome Outcome, string? IncidentNumber = null, string? PersonName = null, string? TeamName = null, string? Detail = null)
{
    public static readonly PageAnswerResult NotPaged = new(PageAnswerOutcome.NotPaged);

    public bool Changed => Outcome is PageAnswerOutcome.Acknowledged or PageAnswerOutcome.TeamAcknowledged or PageAnswerOutcome.DrillAnswered or PageAnswerOutcome.TaskConfirmed;
}
