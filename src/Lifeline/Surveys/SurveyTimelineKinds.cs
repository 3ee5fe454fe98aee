namespace Lifeline.Surveys;

/// <summary>Timeline kinds written by the customer survey.</summary>
public static class SurveyTimelineKinds
{
    public const string SurveyInvitation = "SurveyInvitation";
}
