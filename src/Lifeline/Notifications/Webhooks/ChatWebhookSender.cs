using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Dispatch;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// Posts to a Slack or Microsoft Teams incoming webhook, told apart by the URL's host (nothing
/// extra is stored): Slack takes <c>{"text": ...}</c>, Teams a MessageCard with a title. 2xx is
/// delivered; 408, 429 and 5xx are tried again; other 4xx (a removed webhook) fail for good.
/// </summary>
public sealed class ChatWebhookSender(HttpClient http) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Chat;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        object body = IsTeams(message.Destination)
            ? new Dictionary<string, object>
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = message.Content.Subject,
                ["title"] = message.Content.Subject,
                ["text"] = message.Content.Text,
            }
            : new Dictionary<string, object> { ["text"] = $"*{message.Content.Subject}*\n{message.Content.Text}" };
        using var response = await http.PostAsJsonAsync(message.Destination, body, ct);
        return response.IsSuccessStatusCode
            ? SendOutcome.Accepted()
            : ProviderResponses.Failure(response.StatusCode, $"the chat webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    public static bool IsTeams(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Host.EndsWith(".office.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".logic.azure.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase));
}
