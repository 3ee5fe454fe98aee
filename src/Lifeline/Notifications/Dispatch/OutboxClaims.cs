using Lifeline.Chat;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Takes due notifications (and ones whose sending lease ran out) from the outbox for the channels
/// that have room, in one transaction: row locks with SKIP LOCKED on PostgreSQL, where several
/// instances share the outbox; on SQLite one writer at a time and one pass per process. Several due
/// for one contact method become one bundled unit; a contact method over its rate limit is held
/// back; the rest are marked Sending under a lease and committed, so a crash from here on leaves
/// them visibly in flight.
/// </summary>
public sealed class OutboxClaims(IServiceScopeFactory scopes, TimeProvider time, IOptions<DispatchOptions> options)
{
    /// <param name="room">Units each channel can take now; channels not named, or with no room, get none.</param>
    /// <param name="busy">
    /// Contact methods with a message in flight in this pass. What is due for them stays in the
    /// outbox until that message is recorded, so the rate limit counts it and what came meanwhile
    /// goes out bundled.
    /// </param>
    public async Task<ClaimedWork> ClaimAsync(IReadOnlyDictionary<NotificationChannel, int> room, IReadOnlyDictionary<Guid, int> busy, CancellationToken ct)
    {
        var open = room.Where(r => r.Value > 0).Select(r => r.Key).ToList();
        if (open.Count == 0)
        {
            return ClaimedWork.None;
        }
        var limit = Math.Min(options.Value.BatchSize, open.Sum(c => room[c]));
        return await UnitOfWork.RunAsync(scopes, async (db, services) =>
        {
            var now = time.GetUtcNow();
            var rows = await ClaimRowsAsync(db, open, limit, now, ct);
            // Several due for one contact method go out as one message: a responder woken by three
            // incidents at once gets one text listing them, and the rate limit counts it once.
            var groups = rows.GroupBy(n => (Key: n.ContactMethodId ?? n.Id, n.Channel))
                .Where(g => g.First().ContactMethodId is not { } methodId || !busy.ContainsKey(methodId))
                .Select(g => g.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList())
                .ToList();
            var methodIds = groups.Where(g => g[0].ContactMethodId is not null).Select(g => g[0].ContactMethodId!.Value).Distinct().ToList();
            var methods = methodIds.Count == 0 ? [] : await db.ContactMethods.AsNoTracking().Where(m => methodIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
            var heldBack = methodIds.Count == 0 ? [] : await HeldBackAsync(db, methodIds, now, ct);
            // A chat channel's URL is read and decrypted here, as a contact method's value is: the outbox row never holds it.
            var channelIds = groups.Select(g => g[0].ChatChannelId).OfType<Guid>().Distinct().ToList();
            var chatUrls = channelIds.Count == 0 ? []
                : await db.ChatChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ProtectedUrl, ct);
            var urls = services.GetRequiredService<ChatChannelUrls>();
            var outbox = services.GetRequiredService<NotificationOutbox>();
            var left = open.ToDictionary(c => c, c => room[c]);
            var units = new List<DispatchUnit>();
            var taken = 0;
            foreach (var batch in groups)
            {
                var lead = batch[0];
                if (left[lead.Channel] == 0)
                {
                    continue;
                }
                taken += batch.Count;
                var method = lead.ContactMethodId is { } methodId ? methods.GetValueOrDefault(methodId) : null;
                var destination = method?.Value ?? lead.Address
                    ?? (lead.ChatChannelId is { } chatId && chatUrls.TryGetValue(chatId, out var stored) ? urls.Reveal(stored) : null);
                if (destination is null)
                {
                    var reason = lead.ChatChannelId is null ? "the contact method no longer exists"
                        : "the chat channel no longer exists, or its URL can no longer be read (enter it again)";
                    foreach (var n in batch)
                    {
                        await outbox.FailAsync(n, reason, ct);
                        Record(db, n, now, reason);
                    }
                    continue;
                }
                if (method is not null && heldBack.TryGetValue(method.Id, out var until))
                {
                    foreach (var n in batch)
                    {
                        n.Postpone(until);
                        Record(db, n, now, $"held back by the rate limit ({options.Value.RateLimitCount} per {options.Value.RateLimitWindow} to one contact method) until {until:O}; sent then, bundled with whatever else is due");
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
                    Record(db, n, now, (recovered ? "the earlier attempt's lease ran out with its outcome unknown: sending again with the same idempotency key; " : "")
                        + (batch.Count > 1 ? $"attempt {n.Attempts}, in a bundle of {batch.Count} led by {lead.Id}" : $"attempt {n.Attempts}"));
                }
                left[lead.Channel]--;
                units.Add(new DispatchUnit(lead.Channel, batch, method?.Id, destination));
            }
            return new ClaimedWork(units, taken);
        }, ct);
    }

    private static async Task<List<Notification>> ClaimRowsAsync(LifelineDbContext db, List<NotificationChannel> channels, int limit, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var names = channels.Select(c => c.ToString()).ToArray();
            return await db.Notifications.FromSql(
                $"""SELECT * FROM "Notifications" WHERE "Status" IN ('Pending', 'Sending') AND "DueAt" <= {now} AND "Channel" = ANY({names}) ORDER BY "DueAt" LIMIT {limit} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
        }
        // SQLite: one writer at a time and one dispatcher per process (the pass's gate), so a plain read claims.
        return await db.Notifications
            .Where(n => (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending) && n.DueAt <= now && channels.Contains(n.Channel))
            .OrderBy(n => n.DueAt).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// The contact methods that had their share of messages in the window, each with the time the
    /// oldest of them leaves it: one query for the whole claim.
    /// </summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> HeldBackAsync(LifelineDbContext db, List<Guid> methodIds, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var since = now - o.RateLimitWindow;
        // A bundle is one message: count its lead only (a lone notification has no bundle).
        var sent = await db.Notifications
            .Where(n => n.ContactMethodId != null && methodIds.Contains(n.ContactMethodId.Value) && n.SentAt != null && n.SentAt > since && (n.BundleId == null || n.BundleId == n.Id))
            .GroupBy(n => n.ContactMethodId!.Value)
            .Select(g => new { Method = g.Key, Count = g.Count(), Oldest = g.Min(n => n.SentAt!.Value) })
            .ToListAsync(ct);
        return sent.Where(s => s.Count >= o.RateLimitCount).ToDictionary(s => s.Method, s => s.Oldest + o.RateLimitWindow);
    }

    private static void Record(LifelineDbContext db, Notification n, DateTimeOffset now, string detail) =>
        db.NotificationHistory.Add(new NotificationStatusChange(n.Id, n.Status, now, detail));
}
