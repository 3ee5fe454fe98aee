using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// The generic webhook's signature: <c>X-Lifeline-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with <c>X-Lifeline-Timestamp</c> in Unix seconds. Signing the timestamp with the body lets a
/// receiver refuse a replayed request: it recomputes the signature and rejects a timestamp more
/// than five minutes from its own clock (and may remember <c>Idempotency-Key</c>s it has seen).
/// </summary>
public static class WebhookSigner
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>What a receiver does; here so the scheme has one executable definition.</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || string.IsNullOrEmpty(signature))
        {
            return false;
        }
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(secret, seconds, body)), Encoding.UTF8.GetBytes(signature));
    }
}
