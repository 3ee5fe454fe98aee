using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// One pass over the outbox. Claim: due notifications (and ones whose sending lease ran out) are
/// taken with row locks (SKIP LOCKED on PostgreSQL; on SQLite one dispatcher per process, this
/// gate), grouped per contact method under its rate limit, marked Sending and committed, so a
/// crash from here on leaves them visibly in flight. Send: every unit at once, each channel within
/// its own concurrency limit. Record: each outcome in its own transaction. Until nothing is due,
/// because a permanent failure queues a fallback that is due at once.
/// </summary>
public sealed class DispatchPass(IServiceScopeFactory scopes, DeliveryAttempts attempts, RetrySchedule schedule, TimeProvider time,
    IOptions<DispatchOptions> options, ILogger<DispatchPass> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <returns>How many notifications were handed to senders.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var total = 0;
            for (var round = 0; round < 100 && !ct.IsCancellationRequested; round++)
            {
                var units = await ClaimAsync(ct);
                if (units.Count == 0)
                {
                    break;
                }
                await Task.WhenAll(units.Select(u => DeliverAsync(u, ct)));
                total += units.Sum(u => u.NotificationIds.Count);
            }
            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>When the earliest notification a sender here can take is due (or its lease runs out), for the loop's sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var channels = Channels(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await db.Notifications
            .Where(n => (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending) && channels.Contains(n.Channel))
            .OrderBy(n => n.DueAt).Select(n => (DateTimeOffset?)n.DueAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The channels with a sender in this instance; the others wait in the outbox (Twilio not configured, say).</summary>
    public static List<NotificationChannel> Channels(IServiceProvider services) =>
        services.GetServices<INotificationSender>().Select(s => s.Channel).Distinct().ToList();

    private async Task<List<DispatchUnit>> ClaimAsync(CancellationToken ct) =>
        await InTransactionAsync(async (db, services) =>
        {
            var channels = Channels(services);
            if (channels.Count == 0)
            {
                return [];
            }
            var now = time.GetUtcNow();
            var claimed = await ClaimRowsAsync(db, channels, now, ct);
            var methodIds = claimed.Where(n => n.ContactMethodId is not null).Select(n => n.ContactMethodId!.Value).Distinct().ToList();
            var methods = await db.ContactMethods.Where(m => methodIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
            var outbox = services.GetRequiredService<NotificationOutbox>();
            var units = new List<DispatchUnit>();
            // Several due for one contact method go out as one message: a responder woken by three
            // incidents at once gets one text listing them, and the rate limit counts it once.
            foreach (var group in claimed.GroupBy(n => (Key: n.ContactMethodId ?? n.Id, n.Channel)))
            {
                var batch = group.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();
                var method = batch[0].ContactMethodId is { } methodId ? methods.GetValueOrDefault(methodId) : null;
                var destination = method?.Value ?? batch[0].Address;
                if (destination is null)
                {
                    foreach (var n in batch)
                    {
                        await outbox.FailAsync(n, "the contact method no longer exists", ct);
                        Record(db, n, "the contact method no longer exists");
                    }
                    continue;
                }
                if (method is not null && await HeldBackUntilAsync(db, method.Id, now, ct) is { } until)
                {
                    foreach (var n in batch)
                    {
                        n.Postpone(until);
                        Record(db, n, $"held back by the rate limit ({options.Value.RateLimitCount} per {options.Value.RateLimitWindow} to one contact method) until {until:O}; sent then, bundled with whatever else is due");
                    }
                    continue;
                }
                var leaseUntil = now + options.Value.Lease;
                foreach (var n in batch)
                {
                    var recovered = n.Status == NotificationStatus.Sending;
                    n.MarkSending(leaseUntil);
                    // A notification still Sending after its lease belonged to a sender that crashed or hung: we
                    // cannot know whether the provider got it. It is sent again with the same idempotency key;
                    // for a page a duplicate is better than a loss.
                    Record(db, n, (recovered ? "the earlier attempt's lease ran out with its outcome unknown: sending again with the same idempotency key; " : "")
                        + $"attempt {n.Attempts}" + (batch.Count > 1 ? $", in a bundle of {batch.Count} led by {batch[0].Id}" : ""));
                }
                units.Add(new DispatchUnit(group.Key.Channel, batch.Select(n => n.Id).ToList(), method?.Id, destination));
            }
            return units;
        }, ct);

    private async Task<List<Notification>> ClaimRowsAsync(LifelineDbContext db, List<NotificationChannel> channels, DateTimeOffset now, CancellationToken ct)
    {
        var limit = options.Value.BatchSize;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var names = channels.Select(c => c.ToString()).ToArray();
            return await db.Notifications.FromSql(
                $"""SELECT * FROM "Notifications" WHERE "Status" IN ('Pending', 'Sending') AND "DueAt" <= {now} AND "Channel" = ANY({names}) ORDER BY "DueAt" LIMIT {limit} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
        }
        // SQLite: one writer at a time and one dispatcher per process (the gate), so a plain read claims.
        return await db.Notifications
            .Where(n => (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending) && n.DueAt <= now && channels.Contains(n.Channel))
            .OrderBy(n => n.DueAt).Take(limit).ToListAsync(ct);
    }

    /// <summary>When the contact method had its share of messages in the window: the time the oldest of them leaves it.</summary>
    private async Task<DateTimeOffset?> HeldBackUntilAsync(LifelineDbContext db, Guid methodId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - options.Value.RateLimitWindow;
        // A bundle is one message: count its lead only (a lone notification has no bundle).
        var sent = await db.Notifications
            .Where(n => n.ContactMethodId == methodId && n.SentAt != null && n.SentAt > since && (n.BundleId == null || n.BundleId == n.Id))
            .Select(n => n.SentAt!.Value).ToListAsync(ct);
        return sent.Count < options.Value.RateLimitCount ? null : sent.Min() + options.Value.RateLimitWindow;
    }

    private async Task DeliverAsync(DispatchUnit unit, CancellationToken ct)
    {
        SendOutcome outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<LifelineDbContext>();
            var sender = services.GetServices<INotificationSender>().Last(s => s.Channel == unit.Channel);
            var renderer = services.GetRequiredService<IMessageRenderer>();
            var loaded = await db.Notifications.AsNoTracking().Where(n => unit.NotificationIds.Contains(n.Id)).ToListAsync(ct);
            var notifications = unit.NotificationIds.Select(id => loaded.Single(n => n.Id == id)).ToList();
            var rendered = new List<RenderedMessage>();
            foreach (var n in notifications)
            {
                rendered.Add(await renderer.RenderAsync(n, ct));
            }
            var key = notifications[0].IdempotencyKey + (unit.IsBundle ? ":bundle" : "");
            outcome = await attempts.SendAsync(sender, new OutgoingMessage(notifications[0], unit.Destination, MessageBundle.Combine(rendered), key), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Sending notification {NotificationId} over {Channel} failed before the provider answered", unit.LeadId, unit.Channel);
            outcome = SendOutcome.Temporary($"{e.GetType().Name}: {e.Message}");
        }
        try
        {
            await InTransactionAsync(async (db, services) => await RecordAsync(db, services, unit, outcome, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The outcome is lost; the lease runs out and the notification is sent again (same idempotency key).
            logger.LogError(e, "Recording the outcome of notification {NotificationId} failed; it is sent again when its lease runs out", unit.LeadId);
        }
    }

    private async Task<bool> RecordAsync(LifelineDbContext db, IServiceProvider services, DispatchUnit unit, SendOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outbox = services.GetRequiredService<NotificationOutbox>();
        var notifications = await db.Notifications.Where(n => unit.NotificationIds.Contains(n.Id) && n.Status == NotificationStatus.Sending).ToListAsync(ct);
        var o = options.Value;
        foreach (var n in notifications)
        {
            switch (outcome.Result)
            {
                case SendResult.Sent:
                    n.MarkSent(now, outcome.ProviderMessageId, unit.IsBundle ? unit.LeadId : null);
                    Record(db, n, n.Id == unit.LeadId
                        ? $"accepted by the {n.Channel} provider" + (outcome.ProviderMessageId is { } sid ? $" as {sid}" : "") + (unit.IsBundle ? $"; bundle {unit.LeadId} of {unit.NotificationIds.Count}" : "")
                        : $"sent in bundle {unit.LeadId}");
                    if (n.Template == ContactMethodTests.Template && !ContactMethodTests.ReportsDelivery(n.Channel) && unit.ContactMethodId is { } methodId)
                    {
                        await ContactMethodTests.MarkVerifiedAsync(db, methodId, now, ct);
                    }
                    break;
                case SendResult.TemporaryFailure when n.Attempts < o.MaxAttempts && now - n.CreatedAt < o.MaxAge:
                    var retryAt = now + schedule.DelayAfter(n.Attempts);
                    n.Retry(outcome.Error ?? "temporary failure", retryAt);
                    Record(db, n, $"temporary failure, attempt {n.Attempts}; next attempt at {retryAt:O}: {outcome.Error}");
                    logger.LogWarning("Notification {NotificationId} over {Channel} failed for now (attempt {Attempts}): {Error}", n.Id, n.Channel, n.Attempts, outcome.Error);
                    break;
                default:
                    var reason = outcome.Result == SendResult.TemporaryFailure
                        ? $"gave up after {n.Attempts} attempts over {now - n.CreatedAt:g}: {outcome.Error}"
                        : outcome.Error ?? "refused by the provider";
                    await outbox.FailAsync(n, reason, ct);
                    Record(db, n, reason);
                    logger.LogWarning("Notification {NotificationId} over {Channel} failed for good: {Error}", n.Id, n.Channel, reason);
                    break;
            }
        }
        return true;
    }

    private void Record(LifelineDbContext db, Notification n, string detail) =>
        db.NotificationHistory.Add(new NotificationStatusChange(n.Id, n.Status, time.GetUtcNow(), detail));

    private async Task<T> InTransactionAsync<T>(Func<LifelineDbContext, IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        await using var outer = scopes.CreateAsyncScope();
        var strategy = outer.ServiceProvider.GetRequiredService<LifelineDbContext>().Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A fresh scope per attempt: a retried attempt must not see the tracked state of a failed one.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db, scope.ServiceProvider);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
    }
}
