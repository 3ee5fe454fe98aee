using Lifeline.Directory.Services;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// One problem a monitoring tool reported for a service, identified by its dedup key while it is open: a repeated
/// trigger with the same key counts on this alert instead of opening another; a resolve closes it, and a later
/// trigger with the same key is a new alert. <see cref="OpenDedupKey"/> is the key while the alert is open and null
/// after: unique per service, so two triggers racing with the same key cannot both open an alert.
/// </summary>
public sealed class Alert : IShownOnBoard
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceId { get; private set; }
    /// <summary>The key it came with; null for Lifeline's own alerts (a missed heartbeat).</summary>
    public Guid? IntegrationKeyId { get; private set; }
    public string DedupKey { get; private set; } = "";
    public string? OpenDedupKey { get; private set; }
    public AlertStatus Status { get; private set; }
    /// <summary>Where it came from: <c>events-v2</c>, <c>native</c> or <c>alertmanager</c>.</summary>
    public string Origin { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Source { get; private set; } = "";
    /// <summary>The tool's own severity: critical, error, warning or info.</summary>
    public string Severity { get; private set; } = "";
    public string? Component { get; private set; }
    public string? Group { get; private set; }
    public string? Class { get; private set; }
    public Dictionary<string, string> Labels { get; private set; } = [];
    /// <summary>The latest custom details, as the tool sent them (JSON).</summary>
    public string? Details { get; private set; }
    public List<AlertLink> Links { get; private set; } = [];
    public List<AlertImage> Images { get; private set; } = [];
    public int Count { get; private set; }
    /// <summary>When the tool says the problem was detected (payload.timestamp, startsAt).</summary>
    public DateTimeOffset? DetectedAt { get; private set; }
    public DateTimeOffset FirstSeenAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public Guid? IncidentId { get; private set; }

    /// <summary>An alert on no incident is held back by a maintenance window: the board counts those.</summary>
    Guid? IShownOnBoard.BoardChangeId => IncidentId is null ? ServiceId : null;

    private Alert() { }

    public static Alert Trigger(Guid serviceId, Guid? integrationKeyId, string dedupKey, AlertEvent e, DateTimeOffset now)
    {
        var alert = new Alert
        {
            ServiceId = serviceId,
            IntegrationKeyId = integrationKeyId,
            DedupKey = dedupKey,
            OpenDedupKey = dedupKey,
            Status = AlertStatus.Triggered,
            Origin = e.Origin,
            FirstSeenAt = now,
            Count = 1,
        };
        alert.Repeat(e, now);
        return alert;
    }

    /// <summary>
    /// Another trigger with the same key: the latest details kept. The count is raised by the caller, in the database
    /// (<see cref="AlertIngest"/>), where concurrent repeats add up instead of overwriting each other, or with
    /// <see cref="Counted"/> when it holds the row's lock.
    /// </summary>
    public void Repeat(AlertEvent e, DateTimeOffset now)
    {
        LastSeenAt = now;
        Summary = e.Summary!.Trim();
        Source = e.Source!.Trim();
        Severity = e.Severity!;
        Component = e.Component;
        Group = e.Group;
        Class = e.Class;
        Labels = new Dictionary<string, string>(e.Labels, StringComparer.Ordinal);
        Details = e.Details;
        Links = [.. e.Links];
        Images = [.. e.Images];
        DetectedAt ??= e.DetectedAt;
    }

    /// <summary>One more repeat counted, by a caller that read the alert under its row lock (or SQLite's single writer).</summary>
    public void Counted() => Count++;

    public void BelongTo(Guid incidentId) => IncidentId = incidentId;

    public void Acknowledge(DateTimeOffset now)
    {
        if (Status == AlertStatus.Triggered)
        {
            Status = AlertStatus.Acknowledged;
            AcknowledgedAt = now;
        }
    }

    public void Resolve(DateTimeOffset now)
    {
        Status = AlertStatus.Resolved;
        ResolvedAt ??= now;
        OpenDedupKey = null;
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.Property(a => a.DedupKey).HasMaxLength(AlertEventRules.MaxDedupKey);
        builder.Property(a => a.OpenDedupKey).HasMaxLength(AlertEventRules.MaxDedupKey);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Origin).HasMaxLength(16);
        builder.Property(a => a.Summary).HasMaxLength(AlertEventRules.MaxSummary);
        builder.Property(a => a.Source).HasMaxLength(AlertEventRules.MaxField);
        builder.Property(a => a.Severity).HasMaxLength(16);
        builder.Property(a => a.Component).HasMaxLength(AlertEventRules.MaxField);
        builder.Property(a => a.Group).HasMaxLength(AlertEventRules.MaxField);
        builder.Property(a => a.Class).HasMaxLength(AlertEventRules.MaxField);
        builder.Property(a => a.Labels).HasJsonConversion();
        builder.Property(a => a.Links).HasJsonConversion();
        builder.Property(a => a.Images).HasJsonConversion();
        builder.HasIndex(a => new { a.ServiceId, a.OpenDedupKey }).IsUnique();
        builder.HasIndex(a => new { a.ServiceId, a.DedupKey });
        builder.HasIndex(a => a.IncidentId);
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);
    }
}
