using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Dispatch;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// How a POST to a webhook (generic, Slack or Teams) becomes an outcome. 2xx is delivered; 3xx fails for good (redirects
/// are not followed, see <see cref="WebhookConnections"/>); 408, 429 and 5xx are tried again; other 4xx fail for good.
/// <para>
/// A webhook that cannot be reached is stored as just that, "could not be reached", whatever the cause: the reason goes on
/// the notification, its history and the timeline, which every role reads, and "connection refused" beside "timed out"
/// beside "resolves to 10.0.0.5" would turn contact methods into a scanner of the network Lifeline runs in. The cause is
/// logged for operators at Warning, with the notification's id and the host but not the URL (Slack's carries its token).
/// A refused address and a URL no longer allowed fail for good (no retry will change them); the rest are tried again.
/// </para>
/// </summary>
public static class WebhookDelivery
{
    /// <param name="what">"the webhook" or "the chat webhook", as the stored reasons name it.</param>
    /// <param name="content">The body to POST to the message's destination.</param>
    /// <param name="headers">Headers to add to the request (the generic webhook's idempotency key and signature).</param>
    public static async Task<SendOutcome> PostAsync(HttpClient http, OutgoingMessage message, HttpContent content, Action<HttpRequestMessage>? headers,
        WebhookOptions options, string what, ILogger logger, CancellationToken ct)
    {
        var unreachable = $"{what} could not be reached";
        // Values saved before the rules (or under looser settings) are checked again here.
        if (!WebhookAddressPolicy.TryValidateUrl(message.Destination, options, out _, out var invalid))
        {
            content.Dispose();
            Log(logger, message, invalid);
            return SendOutcome.Permanent(unreachable);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Destination) { Content = content };
        headers?.Invoke(request);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var code = (int)response.StatusCode;
            return code switch
            {
                >= 200 and < 300 => SendOutcome.Accepted(),
                >= 300 and < 400 => SendOutcome.Permanent($"{what} answered {code} with a redirect; redirects are not followed"),
                _ => ProviderResponses.Failure(response.StatusCode, $"{what} answered {code} {response.ReasonPhrase}"),
            };
        }
        catch (HttpRequestException e) when (Refused(e) is { } refused)
        {
            Log(logger, message, refused.Message);
            return SendOutcome.Permanent(unreachable);
        }
        catch (HttpRequestException e)
        {
            Log(logger, message, $"{e.HttpRequestError}: {e.Message}");
            return SendOutcome.Temporary(unreachable);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            Log(logger, message, $"no answer in time ({e.Message})");
            return SendOutcome.Temporary(unreachable);
        }
    }

    private static WebhookAddressRefusedException? Refused(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static void Log(ILogger logger, OutgoingMessage message, string reason) =>
        logger.LogWarning("Notification {NotificationId} over {Channel}: the webhook could not be reached: {Reason}",
            message.Notification.Id, message.Notification.Channel, reason);
}
