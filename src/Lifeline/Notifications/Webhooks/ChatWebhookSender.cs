using Lifeline.Notifications.Delivery;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// Posts to a Slack or Microsoft Teams incoming webhook, told apart by the URL's host (nothing
/// extra is stored): Slack takes Block Kit, Teams an Adaptive Card (<see cref="ChatCards"/>). The answer
/// becomes an outcome as for every webhook (<see cref="WebhookDelivery"/>).
/// </summary>
public sealed class ChatWebhookSender(HttpClient http, IOptions<WebhookOptions> options, ILogger<ChatWebhookSender> logger) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Chat;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var body = IsTeams(message.Destination) ? ChatCards.Teams(message.Content) : ChatCards.Slack(message.Content);
        return WebhookDelivery.PostAsync(http, message, JsonContent.Create(body), null, options.Value, "the chat webhook", logger, ct);
    }

    public static bool IsTeams(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Host.EndsWith(".office.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".logic.azure.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase));
}
