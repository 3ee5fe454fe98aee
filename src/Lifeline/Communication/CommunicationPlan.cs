using Lifeline.Auditing;
using Lifeline.Targets;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Communication;

/// <summary>Who hears about incidents of which severities, on which events, how, depending on the shift.</summary>
public sealed class CommunicationPlan : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public IReadOnlyList<int> Severities { get; private set; } = [];
    public IReadOnlyList<CommunicationRule> Rules { get; private set; } = [];
    public bool IsEnabled { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Whether incidents of the severity are the plan's (an enabled plan speaks for them).</summary>
    public bool AppliesTo(int severity) => Severities.Contains(severity);

    private CommunicationPlan() { }

    public CommunicationPlan(string name, string? description, IReadOnlyList<int> severities, IReadOnlyList<CommunicationRule> rules, bool isEnabled, DateTimeOffset now) =>
        Update(name, description, severities, rules, isEnabled, now);

    public void Update(string name, string? description, IReadOnlyList<int> severities, IReadOnlyList<CommunicationRule> rules, bool isEnabled, DateTimeOffset now)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Severities = [.. severities.Distinct().Order()];
        Rules = rules;
        IsEnabled = isEnabled;
        UpdatedAt = now;
    }

    public bool References(TargetKind kind, Guid id) => Rules.Any(r => r.Recipients.Any(x => x.Kind == kind && x.Id == id));
}

internal sealed class CommunicationPlanConfiguration : IEntityTypeConfiguration<CommunicationPlan>
{
    public void Configure(EntityTypeBuilder<CommunicationPlan> builder)
    {
        builder.ToTable("CommunicationPlans");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Severities).HasJsonConversion();
        builder.Property(p => p.Rules).HasJsonConversion();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
