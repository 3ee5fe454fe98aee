using System.Globalization;
using System.Security.Cryptography;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Notifications.Verification;

/// <summary>
/// A short code sent over a contact method that the person types back to prove the method reaches them. Only a salted
/// hash is kept, it expires, and it allows a few tries: six digits are a million guesses, five tries make a lucky guess
/// one in two hundred thousand. A new code for the same method replaces the old one.
/// </summary>
public sealed class VerificationCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;
    public const int Digits = 6;
    // Enough to make a stolen copy of the table slow to try all million codes against, cheap enough for one check.
    private const int Iterations = 20_000;

    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ContactMethodId { get; private set; }
    /// <summary>"salt:hash", both base64: PBKDF2-SHA256 of the code.</summary>
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public int Attempts { get; private set; }

    private VerificationCode() { }

    /// <summary>A new code for the method: the row to store, and the code in clear to send (and then forget).</summary>
    public static (VerificationCode Row, string Code) Issue(Guid contactMethodId, DateTimeOffset now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var row = new VerificationCode
        {
            ContactMethodId = contactMethodId,
            CodeHash = $"{Convert.ToBase64String(salt)}:{Convert.ToBase64String(Hash(code, salt))}",
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (row, code);
    }

    public int AttemptsLeft => Math.Max(0, MaxAttempts - Attempts);

    /// <summary>Checks a typed code; every check of a live code counts as an attempt, right or wrong.</summary>
    public VerificationResult Check(string typed, DateTimeOffset now)
    {
        if (now >= ExpiresAt)
        {
            return VerificationResult.Expired;
        }
        if (Attempts >= MaxAttempts)
        {
            return VerificationResult.TooManyAttempts;
        }
        Attempts++;
        var parts = CodeHash.Split(':');
        var expected = Convert.FromBase64String(parts[1]);
        var actual = Hash(typed, Convert.FromBase64String(parts[0]));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? VerificationResult.Verified : VerificationResult.Wrong;
    }

    private static byte[] Hash(string code, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(code, salt, Iterations, HashAlgorithmName.SHA256, 32);
}

public enum VerificationResult { Verified, Wrong, Expired, TooManyAttempts }

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>
{
    public void Configure(EntityTypeBuilder<VerificationCode> builder)
    {
        builder.ToTable("VerificationCodes");
        builder.Property(c => c.CodeHash).HasMaxLength(120);
        // One live code per method; removing the method removes its code.
        builder.HasIndex(c => c.ContactMethodId).IsUnique();
        builder.HasOne<ContactMethod>().WithMany().HasForeignKey(c => c.ContactMethodId).OnDelete(DeleteBehavior.Cascade);
    }
}
