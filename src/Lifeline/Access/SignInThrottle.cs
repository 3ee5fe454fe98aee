using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>
/// Counts failed sign-ins per account name and per client address (token buckets from System.Threading.RateLimiting,
/// in this instance's memory: a restart forgets them, which costs an attacker nothing they did not have). A sign-in is
/// refused before its password is checked while either bucket is empty; only failures take from the buckets.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _addresses;

    public SignInThrottle(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        _accounts = Buckets(o.FailuresPerAccount, o.AccountRefill);
        _addresses = Buckets(o.FailuresPerAddress, o.AddressRefill);
    }

    private static PartitionedRateLimiter<string> Buckets(int size, TimeSpan refill) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = size,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);

    private static string AccountKey(string userName) => userName.Trim().ToUpperInvariant();

    private static string AddressKey(string? address) => address ?? "(no address)";

    /// <returns>How long to wait before trying again, or null when a sign-in may be tried now.</returns>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        foreach (var (limiter, key) in new[] { (_accounts, AccountKey(userName)), (_addresses, AddressKey(address)) })
        {
            if (limiter.GetStatistics(key) is { CurrentAvailablePermits: <= 0 })
            {
                using var lease = limiter.AttemptAcquire(key);
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            }
        }
        return null;
    }

    public void Failed(string userName, string? address)
    {
        _accounts.AttemptAcquire(AccountKey(userName)).Dispose();
        _addresses.AttemptAcquire(AddressKey(address)).Dispose();
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }
}
