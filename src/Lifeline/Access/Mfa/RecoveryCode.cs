using System.Security.Cryptography;
using System.Text;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Access.Mfa;

/// <summary>
/// A one-time code for when the authenticator is lost. Shown once, when made; only a SHA-256 hash is stored. Each code
/// is 80 random bits, so (as with API tokens) a slow password hash would add latency and no safety.
/// </summary>
public sealed class RecoveryCode
{
    // No look-alikes (0/O, 1/I/L): the code is read from paper and typed.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid AccountId { get; private set; }
    public string Hash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private RecoveryCode() { }

    /// <summary>A new code for an account; the clear value is returned once and never stored.</summary>
    public static (RecoveryCode Code, string Secret) Issue(Guid accountId, DateTimeOffset now)
    {
        var raw = RandomNumberGenerator.GetString(Alphabet, 16);
        var shown = string.Join('-', raw.Chunk(4).Select(c => new string(c)));
        return (new RecoveryCode { AccountId = accountId, Hash = HashOf(shown)!, CreatedAt = now }, shown);
    }

    /// <summary>The hash of what was typed (any case, with or without dashes and spaces), or null when it cannot be a recovery code.</summary>
    public static string? HashOf(string typed)
    {
        var normalised = new string([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return normalised.Length == 16 && normalised.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalised)))
            : null;
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("AccountRecoveryCodes");
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.HasIndex(c => new { c.AccountId, c.Hash }).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
