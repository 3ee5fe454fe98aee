using Lifeline.Escalation;

namespace Lifeline.Templates;

/// <summary>The template keys the engine and the other senders ask for.</summary>
public static class TemplateKeys
{
    public const string Initial = "initial";
    public const string StatusUpdate = "status-update";
    public const string Resolution = "resolution";
    public const string TierPage = TierPager.TierPageTemplate;
    public const string Level2Page = TierPager.Level2PageTemplate;
    public const string UpdateReminder = ServiceLevelMonitor.UpdateReminderTemplate;
    public const string QueueNotice = EscalationPlanner.QueueNoticeTemplate;
    public const string SurveyInvitation = "survey-invitation";
    public const string TestMessage = "test-message";

    /// <summary>Pages whose message carries an acknowledgement link and code.</summary>
    public static bool IsPage(string key) => key is TierPage or Level2Page;
}
