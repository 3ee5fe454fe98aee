namespace Lifeline.Chat;

/// <summary>
/// What a chat channel's webhook accepts, told from its URL (<see cref="Notifications.Webhooks.ChatWebhookSender.IsTeams"/>):
/// Teams takes an Adaptive Card; anything else is sent Slack's Block Kit, which Slack-compatible tools (Mattermost,
/// Rocket.Chat) accept too.
/// </summary>
public enum ChatPlatform
{
    Slack,
    Teams,
}
