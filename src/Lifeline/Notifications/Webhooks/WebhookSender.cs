using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Dispatch;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// Posts a notification as JSON to a person's generic webhook, signed (<see cref="WebhookSigner"/>)
/// and with an <c>Idempotency-Key</c> that stays the same on every retry, so a receiver can drop
/// a duplicate. 2xx is delivered; 408, 429 and 5xx are tried again; other 4xx fail for good.
/// </summary>
public sealed class WebhookSender(HttpClient http, LifelineDbContext db, IOptions<WebhookOptions> options, TimeProvider time) : INotificationSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var n = message.Notification;
        var incident = n.IncidentId is { } id
            ? await db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Number, i.Severity, Status = i.Status.ToString(), i.IsDrill }).FirstOrDefaultAsync(ct)
            : null;
        var now = time.GetUtcNow();
        var body = JsonSerializer.Serialize(new WebhookPayload(n.Id, incident?.Number, incident?.Severity, incident?.Status, incident?.IsDrill ?? false,
            n.Template, message.Content.Subject, message.Content.Text, now), Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Destination) { Content = new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json) };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        if (options.Value.SigningSecret is { Length: > 0 } secret)
        {
            var timestamp = now.ToUnixTimeSeconds();
            request.Headers.Add("X-Lifeline-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Lifeline-Signature", WebhookSigner.Sign(secret, timestamp, body));
        }
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? SendOutcome.Accepted()
            : ProviderResponses.Failure(response.StatusCode, $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
