using Lifeline.Auditing;
using Lifeline.Targets;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Escalation.Policies;

/// <summary>
/// Ordered tiers and how many times to run through them again when nobody acknowledges. A
/// running escalation works from a snapshot taken when it started; edits apply to new ones.
/// </summary>
public sealed class EscalationPolicy : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>How many more times the whole policy runs after the last tier (0: once only).</summary>
    public int RepeatCount { get; private set; }
    /// <summary>Used for services that name no policy. Exactly one policy is the default.</summary>
    public bool IsDefault { get; private set; }
    public IReadOnlyList<EscalationTier> Tiers { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }

    private EscalationPolicy() { }

    public EscalationPolicy(string name, string? description, int repeatCount, IReadOnlyList<EscalationTier> tiers, DateTimeOffset now) =>
        Update(name, description, repeatCount, tiers, now);

    public void Update(string name, string? description, int repeatCount, IReadOnlyList<EscalationTier> tiers, DateTimeOffset now)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        RepeatCount = repeatCount;
        Tiers = tiers;
        UpdatedAt = now;
    }

    public void MakeDefault(bool isDefault) => IsDefault = isDefault;

    public bool References(TargetKind kind, Guid id) => Tiers.Any(t => t.Targets.Any(x => x.Kind == kind && x.Id == id));
}

internal sealed class EscalationPolicyConfiguration : IEntityTypeConfiguration<EscalationPolicy>
{
    public void Configure(EntityTypeBuilder<EscalationPolicy> builder)
    {
        builder.ToTable("EscalationPolicies");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Tiers).HasJsonConversion();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
