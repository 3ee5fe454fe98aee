using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// A job that should check in every <see cref="IntervalSeconds"/>: when no heartbeat comes by <see cref="DeadlineAt"/>
/// (the last one plus the interval and the grace), an alert opens an incident for the service; the next heartbeat resolves it.
/// Not <see cref="Auditing.IAudited"/>: every heartbeat changes it; creation and removal are audited by <see cref="HeartbeatMonitors"/>.
/// </summary>
public sealed class HeartbeatMonitor
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceId { get; private set; }
    public string Name { get; private set; } = "";
    public int IntervalSeconds { get; private set; }
    public int GraceSeconds { get; private set; }
    /// <summary>The alert's severity when a heartbeat is missed (critical, error, warning, info).</summary>
    public string Severity { get; private set; } = "";
    public DateTimeOffset? LastBeatAt { get; private set; }
    public DateTimeOffset DeadlineAt { get; private set; }
    public DateTimeOffset? MissedAt { get; private set; }

    private HeartbeatMonitor() { }

    public HeartbeatMonitor(Guid serviceId, string name, int intervalSeconds, int graceSeconds, string severity, DateTimeOffset now)
    {
        ServiceId = serviceId;
        Name = name.Trim();
        IntervalSeconds = intervalSeconds;
        GraceSeconds = graceSeconds;
        Severity = severity;
        DeadlineAt = now + Allowance;
    }

    public TimeSpan Allowance => TimeSpan.FromSeconds(IntervalSeconds + GraceSeconds);

    public string DedupKey => $"heartbeat:{Id:N}";

    /// <returns>Whether the monitor had missed its deadline (its alert is to be resolved).</returns>
    public bool Beat(DateTimeOffset now)
    {
        LastBeatAt = now;
        DeadlineAt = now + Allowance;
        var wasMissed = MissedAt is not null;
        MissedAt = null;
        return wasMissed;
    }

    public void Miss(DateTimeOffset now) => MissedAt ??= now;
}

internal sealed class HeartbeatMonitorConfiguration : IEntityTypeConfiguration<HeartbeatMonitor>
{
    public void Configure(EntityTypeBuilder<HeartbeatMonitor> builder)
    {
        builder.ToTable("HeartbeatMonitors");
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Severity).HasMaxLength(16);
        builder.HasIndex(m => m.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(m => m.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
