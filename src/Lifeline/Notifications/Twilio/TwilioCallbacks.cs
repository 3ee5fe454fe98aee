using Lifeline.Notifications.Dispatch;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// Twilio's status callbacks: delivered (a message) or completed (a call) marks the notification
/// Delivered; failed, undelivered, busy, no-answer or canceled is a permanent failure, so the
/// fallback channel takes over. Intermediate states (queued, sent, ringing) change nothing.
/// </summary>
public sealed class TwilioCallbacks(LifelineDbContext db, NotificationOutbox outbox, TimeProvider time, ILogger<TwilioCallbacks> logger)
{
    private static readonly HashSet<string> Delivered = ["delivered", "completed"];
    private static readonly HashSet<string> Failed = ["failed", "undelivered", "busy", "no-answer", "canceled"];

    public async Task StatusAsync(string sid, string status, string? errorCode, CancellationToken ct)
    {
        status = status.Trim().ToLowerInvariant();
        if (!Delivered.Contains(status) && !Failed.Contains(status))
        {
            return;
        }
        // A bundle went out as one message: its members share the provider id and the outcome.
        var notifications = await db.Notifications.Where(n => n.ProviderMessageId == sid && n.Status == NotificationStatus.Sent).ToListAsync(ct);
        if (notifications.Count == 0)
        {
            logger.LogInformation("Twilio status {Status} for {Sid} matches no sent notification", status, sid);
            return;
        }
        var now = time.GetUtcNow();
        foreach (var n in notifications)
        {
            if (Delivered.Contains(status))
            {
                n.MarkDelivered();
                db.NotificationHistory.Add(new NotificationStatusChange(n.Id, n.Status, now, $"Twilio reports {status}"));
                if (n.Template == ContactMethodVerification.Template && n.ContactMethodId is { } methodId)
                {
                    await ContactMethodVerification.MarkVerifiedAsync(db, methodId, now, ct);
                }
            }
            else
            {
                var reason = $"Twilio reports {status}" + (string.IsNullOrEmpty(errorCode) ? "" : $" (error {errorCode})");
                await outbox.FailAsync(n, reason, ct);
                db.NotificationHistory.Add(new NotificationStatusChange(n.Id, n.Status, now, reason));
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
