using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Lifeline.Storage;

namespace Lifeline.Alerts;

/// <summary>
/// Recognises the integration key an event comes with, without a query for each event: a key found active is
/// remembered for <see cref="Remembered"/>. This is only the door. The group commit reads the batch's keys again in its
/// own transaction (<see cref="AlertIngest.ProcessBatchAsync"/>) and refuses the events of a key revoked or expired
/// meanwhile, so a revocation stops events the moment it is committed, on every instance, as before. An unknown key
/// is never remembered: it is looked up each time, as a wrong key should be rare.
/// </summary>
public sealed class IntegrationKeyCache(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How long a recognised key is trusted at the door before it is read again.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(10);

    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (IntegrationKey Key, DateTimeOffset At)> _known = new(StringComparer.Ordinal);

    /// <summary>The active key with this secret, or null (unknown, revoked or expired).</summary>
    public async Task<IntegrationKey?> RecogniseAsync(string? secret, CancellationToken ct)
    {
        if (IntegrationKeyService.HashOfPresented(secret) is not { } hash)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (_known.TryGetValue(hash, out var known) && now - known.At < Remembered && known.Key.IsActive(now))
        {
            return known.Key;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var key = await db.Set<IntegrationKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        if (key is null || !key.IsActive(now))
        {
            _known.TryRemove(hash, out _);
            return null;
        }
        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }
        _known[hash] = (key, now);
        return key;
    }
}
