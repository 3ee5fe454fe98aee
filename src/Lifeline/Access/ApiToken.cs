using Lifeline.Storage;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Access;

/// <summary>
/// A personal API token. Only a SHA-256 hash is stored: the token is 256 random bits, so a slow
/// password hash would add nothing but latency to every API call.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "llt_";

    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";
    public string Hash { get; private set; } = "";
    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public string Hint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    private ApiToken() { }

    /// <summary>Creates a token for an account; the clear value is returned once and never stored.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid accountId, string name, DateTimeOffset now, DateTimeOffset? expiresAt) =>
        FromSecret(accountId, name, Prefix + Base64Url(RandomNumberGenerator.GetBytes(32)), now, expiresAt);

    /// <summary>Registers a secret chosen by the operator (the bootstrap admin token).</summary>
    public static (ApiToken Token, string Secret) FromSecret(Guid accountId, string name, string secret, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var token = new ApiToken
        {
            AccountId = accountId,
            Name = name,
            Hash = HashOf(secret),
            Hint = secret[..Math.Min(8, secret.Length)],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Hint).HasMaxLength(8);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
