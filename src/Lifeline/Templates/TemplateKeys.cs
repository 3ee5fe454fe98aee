namespace Lifeline.Templates;

/// <summary>The template keys the engine and the other senders ask for: the one place they are spelled.</summary>
public static class TemplateKeys
{
    public const string Initial = "initial";
    public const string StatusUpdate = "status-update";
    public const string Resolution = "resolution";
    public const string TierPage = "tier-page";
    public const string Level2Page = "level2-page";
    public const string UpdateReminder = "update-reminder";
    public const string QueueNotice = "queue-notice";
    public const string SurveyInvitation = "survey-invitation";
    public const string TestMessage = "test-message";
    public const string VerificationCode = "verification-code";
    public const string EscalationExhausted = "escalation-exhausted";
    public const string ShiftNotice = "shift-notice";
    public const string DrillFollowUp = "drill-follow-up";
    public const string TargetBreached = "target-breached";
    /// <summary>A post to a chat channel that an escalation tier names: the news, not a page (nobody acknowledges for a channel).</summary>
    public const string ChannelPost = "channel-post";

    /// <summary>Pages whose message carries an acknowledgement link and code.</summary>
    public static bool IsPage(string key) => key is TierPage or Level2Page;
}
