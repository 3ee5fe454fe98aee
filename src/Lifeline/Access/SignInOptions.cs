using System.ComponentModel.DataAnnotations;

namespace Lifeline.Access;

/// <summary>
/// The <c>Lifeline:SignIn</c> section: how fast password guessing is slowed down. Failures are counted per account
/// and per client address in token buckets; when a bucket is empty, sign-in answers 429 until it refills. Nothing is
/// locked, so nobody can shut an account out by guessing wrong on purpose, and API tokens are never affected.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Lifeline:SignIn";

    /// <summary>Failed sign-ins an account may have before it is slowed down.</summary>
    [Range(1, 1000)]
    public int FailuresPerAccount { get; set; } = 5;

    /// <summary>After that, one more try per this period.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AccountRefill { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins one client address may have (every account together) before it is slowed down.</summary>
    [Range(1, 100000)]
    public int FailuresPerAddress { get; set; } = 50;

    /// <summary>After that, one more try per this period.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AddressRefill { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Roles whose accounts must use a second factor (an authenticator app) to sign in with a password: by default the
    /// two that see the protected contact list and run the directory. Such an account without MFA that signs in with
    /// its password may only enrol (or sign out) until it has. A single empty entry requires it of no role. API tokens
    /// are not affected (the bootstrap admin token is the break-glass door).
    /// </summary>
    public string[]? MfaRequiredForRoles { get; set; }

    public IReadOnlySet<string> MfaRequiredRoles => (MfaRequiredForRoles ?? [LifelineRoles.Admin, LifelineRoles.Level1Technician])
        .Select(LifelineRoles.Normalise).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Names in <see cref="MfaRequiredForRoles"/> that are no role (checked at start).</summary>
    public IEnumerable<string> UnknownMfaRoles => (MfaRequiredForRoles ?? []).Where(r => !string.IsNullOrWhiteSpace(r) && LifelineRoles.Normalise(r) is null);
}
