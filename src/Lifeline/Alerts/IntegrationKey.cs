using System.Security.Cryptography;
using Lifeline.Access;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// What a monitoring tool sends its events with, one or more per service. Only a SHA-256 hash is stored, the same
/// way as <see cref="ApiToken"/> and for the same reason: 128 random bits need no slow hash. A rotated key keeps
/// working until <see cref="ExpiresAt"/>, so the tools can be moved to the new key without losing events.
/// </summary>
public sealed class IntegrationKey
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceId { get; private set; }
    public string Name { get; private set; } = "";
    public string Hash { get; private set; } = "";
    /// <summary>The first characters of the key, so an admin can tell which one a tool is using.</summary>
    public string Hint { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Set when the key was rotated: it stops working then.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    private IntegrationKey() { }

    /// <summary>
    /// A new key; the clear value is returned once and never stored. 32 hexadecimal characters, the length of a
    /// PagerDuty routing key, so tools that check the length of <c>routing_key</c> accept it.
    /// </summary>
    public static (IntegrationKey Key, string Secret) Issue(Guid serviceId, string name, string createdBy, DateTimeOffset now)
    {
        var secret = RandomNumberGenerator.GetHexString(32, lowercase: true);
        return (new IntegrationKey
        {
            ServiceId = serviceId,
            Name = name.Trim(),
            Hash = ApiToken.HashOf(secret),
            Hint = secret[..6],
            CreatedBy = createdBy,
            CreatedAt = now,
        }, secret);
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Replaced by a new key: keeps working for <paramref name="overlap"/> (never longer than it already would).</summary>
    public void Retire(DateTimeOffset now, TimeSpan overlap)
    {
        var until = now + overlap;
        if (ExpiresAt is null || ExpiresAt > until)
        {
            ExpiresAt = until;
        }
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

internal sealed class IntegrationKeyConfiguration : IEntityTypeConfiguration<IntegrationKey>
{
    public void Configure(EntityTypeBuilder<IntegrationKey> builder)
    {
        builder.ToTable("IntegrationKeys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Hint).HasMaxLength(8);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(k => k.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
