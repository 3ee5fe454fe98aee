using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.ServiceLevels;

/// <summary>The service-level targets judged on an incident.</summary>
public enum ServiceLevelTarget
{
    Acknowledge,
    Resolve,
}

public enum ServiceLevelOutcome
{
    Met,
    Breached,
}

/// <summary>
/// How an incident did against one of its severity's targets: met, or breached (and, once it happened, how late).
/// Judged on the times things happened, not when Lifeline learnt of them: an acknowledgement typed in later from a manual
/// log, at a time before the target, turns a breach recorded meanwhile into met. One row per incident and target.
/// </summary>
public sealed class ServiceLevelResult
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public ServiceLevelTarget Target { get; private set; }
    /// <summary>The severity whose target was judged.</summary>
    public int Severity { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public ServiceLevelOutcome Outcome { get; private set; }
    /// <summary>When the acknowledgement or resolution happened; null for a breach while it has not happened yet.</summary>
    public DateTimeOffset? AchievedAt { get; private set; }
    public DateTimeOffset JudgedAt { get; private set; }

    private ServiceLevelResult() { }

    public ServiceLevelResult(Guid incidentId, ServiceLevelTarget target, int severity, DateTimeOffset dueAt)
    {
        IncidentId = incidentId;
        Target = target;
        Severity = severity;
        DueAt = dueAt;
    }

    /// <summary>Judges the target on when it was achieved (null: not yet, and the due time has passed).</summary>
    public void Judge(DateTimeOffset? achievedAt, DateTimeOffset now)
    {
        AchievedAt = achievedAt;
        Outcome = achievedAt is { } at && at <= DueAt ? ServiceLevelOutcome.Met : ServiceLevelOutcome.Breached;
        JudgedAt = now;
    }
}

internal sealed class ServiceLevelResultConfiguration : IEntityTypeConfiguration<ServiceLevelResult>
{
    public void Configure(EntityTypeBuilder<ServiceLevelResult> builder)
    {
        builder.ToTable("ServiceLevelResults");
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.IncidentId, r.Target }).IsUnique();
        builder.HasIndex(r => r.DueAt);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
