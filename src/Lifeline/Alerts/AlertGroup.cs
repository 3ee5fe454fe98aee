using Lifeline.Directory.Services;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// The alerts of one service that share an incident. New alerts join the service's open group while the incident is
/// being worked on and the last alert came within the service's grouping window; <see cref="OpenForServiceId"/> is
/// the service while the group takes alerts and null after, unique, so two first alerts racing open one incident.
/// </summary>
public sealed class AlertGroup
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceId { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid? OpenForServiceId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset LastAlertAt { get; private set; }
    /// <summary>Who said to keep the incident open when its alerts resolve (a person who acknowledged it), if anyone.</summary>
    public string? KeptOpenBy { get; private set; }

    private AlertGroup() { }

    public AlertGroup(Guid serviceId, Guid incidentId, DateTimeOffset now)
    {
        ServiceId = serviceId;
        IncidentId = incidentId;
        OpenForServiceId = serviceId;
        OpenedAt = now;
        LastAlertAt = now;
    }

    public bool Takes(DateTimeOffset now, TimeSpan window) => OpenForServiceId is not null && now - LastAlertAt <= window;

    public void Add(DateTimeOffset now) => LastAlertAt = now;

    /// <summary>Takes no more alerts: the next one opens a new incident.</summary>
    public void Close() => OpenForServiceId = null;

    public void KeepOpen(string? by) => KeptOpenBy = by;
}

internal sealed class AlertGroupConfiguration : IEntityTypeConfiguration<AlertGroup>
{
    public void Configure(EntityTypeBuilder<AlertGroup> builder)
    {
        builder.ToTable("AlertGroups");
        builder.Property(g => g.KeptOpenBy).HasMaxLength(256);
        builder.HasIndex(g => g.OpenForServiceId).IsUnique();
        builder.HasIndex(g => g.IncidentId).IsUnique();
        builder.HasOne<Service>().WithMany().HasForeignKey(g => g.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(g => g.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
