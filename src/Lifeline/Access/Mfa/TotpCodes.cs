using System.Globalization;
using OtpNet;

namespace Lifeline.Access.Mfa;

/// <summary>RFC 6238 codes as authenticator apps make them: SHA-1, 6 digits, 30 seconds; one step of clock drift either way.</summary>
public static class TotpCodes
{
    public const string Issuer = "Lifeline";
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The URI an authenticator app reads from a QR code or a link.</summary>
    public static string OtpAuthUri(byte[] secret, string accountName) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(accountName)}?secret={Base32(secret)}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30");

    /// <summary>Whether <paramref name="typed"/> looks like a TOTP code (6 digits, spaces allowed) rather than a recovery code.</summary>
    public static bool IsTotpShaped(string typed, out string digits)
    {
        digits = typed.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }

    /// <returns>The time step the code belongs to, or null when it is wrong at <paramref name="now"/>.</returns>
    public static long? Match(byte[] secret, string digits, DateTimeOffset now) =>
        new Totp(secret).VerifyTotp(now.UtcDateTime, digits, out var step, Drift) ? step : null;

    /// <summary>The code an app shows at <paramref name="at"/> (for tests and tools).</summary>
    public static string Compute(byte[] secret, DateTimeOffset at) => new Totp(secret).ComputeTotp(at.UtcDateTime);
}
