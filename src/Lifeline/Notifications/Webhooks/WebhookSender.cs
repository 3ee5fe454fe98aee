using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// Posts a notification as JSON to a person's generic webhook, signed (<see cref="WebhookSigner"/>)
/// and with an <c>Idempotency-Key</c> that stays the same on every retry, so a receiver can drop
/// a duplicate. The answer becomes an outcome as for every webhook (<see cref="WebhookDelivery"/>).
/// </summary>
public sealed class WebhookSender(HttpClient http, LifelineDbContext db, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
    : INotificationSender
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
        var secret = options.Value.SigningSecret;
        return await WebhookDelivery.PostAsync(http, message, new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json), request =>
        {
            request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
            if (secret is { Length: > 0 })
            {
                var timestamp = now.ToUnixTimeSeconds();
                request.Headers.Add("X-Lifeline-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-Lifeline-Signature", WebhookSigner.Sign(secret, timestamp, body));
            }
        }, options.Value, "the webhook", logger, ct);
    }
}
