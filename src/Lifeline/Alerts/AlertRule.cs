using Lifeline.Auditing;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// One line of the alert severity table: rules are tried by <see cref="Order"/> and the first whose conditions all
/// hold gives the incident's severity; a condition left null matches anything. When none matches, the alert's own
/// severity goes through the classification rules instead (<see cref="AlertSeverityMapper"/>).
/// </summary>
public sealed class AlertRule : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public int Order { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? ServiceId { get; private set; }
    /// <summary>critical, error, warning or info.</summary>
    public string? AlertSeverity { get; private set; }
    /// <summary>Matches the alert's source exactly (ignoring case).</summary>
    public string? Source { get; private set; }
    public string? LabelName { get; private set; }
    /// <summary>With <see cref="LabelName"/>: the label's value; without, the label only has to be there.</summary>
    public string? LabelValue { get; private set; }
    public int Severity { get; private set; }

    private AlertRule() { }

    public AlertRule(AlertRuleRequest r) => Update(r);

    public void Update(AlertRuleRequest r)
    {
        Order = r.Order!.Value;
        Name = r.Name.Trim();
        ServiceId = r.ServiceId;
        AlertSeverity = string.IsNullOrWhiteSpace(r.AlertSeverity) ? null : r.AlertSeverity.Trim().ToLowerInvariant();
        Source = string.IsNullOrWhiteSpace(r.Source) ? null : r.Source.Trim();
        LabelName = string.IsNullOrWhiteSpace(r.LabelName) ? null : r.LabelName.Trim();
        LabelValue = string.IsNullOrWhiteSpace(r.LabelValue) ? null : r.LabelValue.Trim();
        Severity = r.Severity!.Value;
    }

    public bool Matches(Guid serviceId, string severity, string source, IReadOnlyDictionary<string, string> labels) =>
        (ServiceId is not { } service || service == serviceId)
        && (AlertSeverity is null || string.Equals(AlertSeverity, severity, StringComparison.OrdinalIgnoreCase))
        && (Source is null || string.Equals(Source, source, StringComparison.OrdinalIgnoreCase))
        && (LabelName is null || (labels.TryGetValue(LabelName, out var value) && (LabelValue is null || string.Equals(value, LabelValue, StringComparison.Ordinal))));
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("AlertRules");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.AlertSeverity).HasMaxLength(16);
        builder.Property(r => r.Source).HasMaxLength(AlertEventRules.MaxField);
        builder.Property(r => r.LabelName).HasMaxLength(100);
        builder.Property(r => r.LabelValue).HasMaxLength(AlertEventRules.MaxField);
        builder.HasIndex(r => r.Order);
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
