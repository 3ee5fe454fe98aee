using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Writes what providers answered, all the outcomes that came in meanwhile in one transaction (a
/// group commit): on SQLite every commit waits for the disk under the one write lock, so one
/// transaction per notification was the dispatcher's ceiling. Sent, retry later, or failed for
/// good with the fallback queued. When the batch cannot be saved, each outcome is tried on its
/// own, so one bad row does not cost the others; an outcome still not saved is lost, its lease
/// runs out and it is sent again with the same idempotency key.
/// </summary>
public sealed class OutcomeRecorder(IServiceScopeFactory scopes, RetrySchedule schedule, TimeProvider time, IOptions<DispatchOptions> options,
    ILogger<OutcomeRecorder> logger)
{
    public async Task RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken ct)
    {
        var known = outcomes.Where(o => o.Outcome is not null).ToList();
        if (known.Count > 1)
        {
            try
            {
                await UnitOfWork.RunAsync(scopes, (db, services) => ApplyAsync(db, services, known, ct), ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recording {Count} outcomes together failed; recording them one by one", known.Count);
            }
        }
        foreach (var outcome in known)
        {
            try
            {
                await UnitOfWork.RunAsync(scopes, (db, services) => ApplyAsync(db, services, [outcome], ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recording the outcome of notification {NotificationId} failed; it is sent again when its lease runs out", outcome.Unit.LeadId);
            }
        }
    }

    private async Task<bool> ApplyAsync(LifelineDbContext db, IServiceProvider services, IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outbox = services.GetRequiredService<NotificationOutbox>();
        var ids = outcomes.SelectMany(o => o.Unit.Notifications.Select(n => n.Id)).ToList();
        // Only what is still Sending: a row whose lease ran out and that another pass took over is that pass's to record.
        var rows = await db.Notifications.Where(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Sending).ToDictionaryAsync(n => n.Id, ct);
        var o = options.Value;
        foreach (var (unit, outcome) in outcomes)
        {
            foreach (var n in unit.Notifications.Select(n => rows.GetValueOrDefault(n.Id)).OfType<Notification>())
            {
                switch (outcome!.Result)
                {
                    case SendResult.Sent:
                        n.MarkSent(now, outcome.ProviderMessageId, unit.IsBundle ? unit.LeadId : null);
                        Record(db, n, now, n.Id == unit.LeadId
                            ? $"accepted by the {n.Channel} provider" + (outcome.ProviderMessageId is { } sid ? $" as {sid}" : "") + (unit.IsBundle ? $"; bundle {unit.LeadId} of {unit.Notifications.Count}" : "")
                            : $"sent in bundle {unit.LeadId}");
                        if (n.Template == ContactMethodVerification.Template && !ContactMethodVerification.ReportsDelivery(n.Channel) && unit.ContactMethodId is { } methodId)
                        {
                            await ContactMethodVerification.MarkVerifiedAsync(db, methodId, now, ct);
                        }
                        break;
                    case SendResult.TemporaryFailure when n.Attempts < o.MaxAttempts && now - n.CreatedAt < o.MaxAge:
                        var retryAt = now + schedule.DelayAfter(n.Attempts);
                        var fallbackAt = n.CreatedAt + o.FallbackAfter;
                        if (n.FallbackChannel is not null && now >= fallbackAt)
                        {
                            // A notice with a fallback does not wait out every retry: the fallback goes now, the retries go on.
                            await outbox.QueueFallbackAsync(n, null, ct);
                        }
                        else if (n.FallbackChannel is not null && retryAt > fallbackAt)
                        {
                            retryAt = fallbackAt; // try once more when the fallback would be due, so it is not late
                        }
                        n.Retry(outcome.Error ?? "temporary failure", retryAt);
                        Record(db, n, now, $"temporary failure, attempt {n.Attempts}; next attempt at {retryAt:O}: {outcome.Error}");
                        logger.LogWarning("Notification {NotificationId} over {Channel} failed for now (attempt {Attempts}): {Error}", n.Id, n.Channel, n.Attempts, outcome.Error);
                        break;
                    default:
                        var reason = outcome.Result == SendResult.TemporaryFailure
                            ? $"gave up after {n.Attempts} attempts over {now - n.CreatedAt:g}: {outcome.Error}"
                            : outcome.Error ?? "refused by the provider";
                        await outbox.FailAsync(n, reason, ct);
                        Record(db, n, now, reason);
                        logger.LogWarning("Notification {NotificationId} over {Channel} failed for good: {Error}", n.Id, n.Channel, reason);
                        break;
                }
            }
        }
        return true;
    }

    private static void Record(LifelineDbContext db, Notification n, DateTimeOffset now, string detail) =>
        db.NotificationHistory.Add(new NotificationStatusChange(n.Id, n.Status, now, detail));
}
