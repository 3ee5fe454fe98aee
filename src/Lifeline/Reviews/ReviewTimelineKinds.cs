namespace Lifeline.Reviews;

/// <summary>Timeline kinds written by post-incident reviews.</summary>
public static class ReviewTimelineKinds
{
    public const string ReviewWritten = "ReviewWritten";
    public const string ReviewActionDone = "ReviewActionDone";
}
