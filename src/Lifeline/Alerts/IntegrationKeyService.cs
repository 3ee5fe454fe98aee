using System.Text.Json;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// Integration keys: issued, rotated and revoked by admins (each in the audit log, with the client address), and
/// checked on every event a monitoring tool sends.
/// </summary>
public sealed class IntegrationKeyService(LifelineDbContext db, TimeProvider time)
{
    /// <summary>How long a rotated key keeps working when the admin does not say.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    private const int MaxOverlapMinutes = 30 * 24 * 60;

    public async Task<Outcome<IReadOnlyList<IntegrationKeyView>>> ListAsync(Guid serviceId, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        var now = time.GetUtcNow();
        var keys = await db.Set<IntegrationKey>().AsNoTracking().Where(k => k.ServiceId == serviceId).OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(k => View(k, now)).ToList();
    }

    public async Task<Outcome<IssuedIntegrationKey>> IssueAsync(Actor actor, Guid serviceId, IntegrationKeyRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "issue integration keys") is { } refused)
        {
            return refused;
        }
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            return Refusal.NotFound("service", serviceId);
        }
        var v = new Validator().Required("name", request.Name, 100).SingleLine("name", request.Name);
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var now = time.GetUtcNow();
        var (key, secret) = IntegrationKey.Issue(serviceId, request.Name, actor.Name, now);
        db.Add(key);
        Audit(actor, now, key, "Created");
        await db.SaveChangesAsync(ct);
        return new IssuedIntegrationKey(View(key, now), secret);
    }

    /// <summary>A new key for the same service and name; the old one keeps working for the overlap, then stops.</summary>
    public async Task<Outcome<IssuedIntegrationKey>> RotateAsync(Actor actor, Guid serviceId, Guid keyId, RotateIntegrationKeyRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "rotate integration keys") is { } refused)
        {
            return refused;
        }
        if (request.OverlapMinutes is < 0 or > MaxOverlapMinutes)
        {
            return Refusal.Invalid("overlapMinutes", $"overlapMinutes is between 0 and {MaxOverlapMinutes} (30 days).");
        }
        var old = await db.Set<IntegrationKey>().FirstOrDefaultAsync(k => k.Id == keyId && k.ServiceId == serviceId, ct);
        if (old is null)
        {
            return Refusal.NotFound("integration key", keyId);
        }
        var now = time.GetUtcNow();
        if (!old.IsActive(now))
        {
            return Refusal.Conflict("The key is revoked or expired; issue a new one instead.");
        }
        old.Retire(now, request.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultOverlap);
        var (key, secret) = IntegrationKey.Issue(serviceId, old.Name, actor.Name, now);
        db.Add(key);
        Audit(actor, now, old, "Rotated", new { replacedBy = key.Id, old.ExpiresAt });
        Audit(actor, now, key, "Created", new { replaces = old.Id });
        await db.SaveChangesAsync(ct);
        return new IssuedIntegrationKey(View(key, now), secret);
    }

    public async Task<Outcome<IntegrationKeyView>> RevokeAsync(Actor actor, Guid serviceId, Guid keyId, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "revoke integration keys") is { } refused)
        {
            return refused;
        }
        var key = await db.Set<IntegrationKey>().FirstOrDefaultAsync(k => k.Id == keyId && k.ServiceId == serviceId, ct);
        if (key is null)
        {
            return Refusal.NotFound("integration key", keyId);
        }
        var now = time.GetUtcNow();
        if (key.RevokedAt is null)
        {
            key.Revoke(now);
            Audit(actor, now, key, "Revoked");
            await db.SaveChangesAsync(ct);
        }
        return View(key, now);
    }

    /// <summary>The credential of an Authorization header of any scheme (Alertmanager's http_config sends <c>Bearer KEY</c>).</summary>
    public static string? FromAuthorization(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { Length: > 0 } authorization && authorization.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space
            ? authorization[(space + 1)..].Trim() : null;

    /// <summary>The active key with this secret, or null; records its use (at most once a minute, like API tokens).</summary>
    public async Task<IntegrationKey?> AuthenticateAsync(string? secret, CancellationToken ct)
    {
        if (HashOfPresented(secret) is not { } hash)
        {
            return null;
        }
        var key = await db.Set<IntegrationKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        var now = time.GetUtcNow();
        if (key is null || !key.IsActive(now))
        {
            return null;
        }
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.Set<IntegrationKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return key;
    }

    /// <summary>The hash a presented key is stored under, or null for what cannot be a key (blank, or too long to hash).</summary>
    public static string? HashOfPresented(string? secret) =>
        string.IsNullOrWhiteSpace(secret) || secret.Length > 128 ? null : ApiToken.HashOf(secret.Trim());

    private void Audit(Actor actor, DateTimeOffset now, IntegrationKey key, string action, object? details = null) =>
        db.AuditLog.Add(new AuditEntry(now, actor.Name, nameof(IntegrationKey), key.Id, action, null, JsonSerializer.Serialize(new
        {
            serviceId = key.ServiceId, name = key.Name, hint = key.Hint, address = actor.RemoteAddress, details,
        })));

    private static IntegrationKeyView View(IntegrationKey k, DateTimeOffset now) =>
        new(k.Id, k.ServiceId, k.Name, k.Hint, k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.IsActive(now));
}
