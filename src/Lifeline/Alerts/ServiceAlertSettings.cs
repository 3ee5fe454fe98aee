using Lifeline.Auditing;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>How a service's alerts become incidents: the grouping window and whether the incident resolves with its alerts.</summary>
public sealed class ServiceAlertSettings : IAudited
{
    public static readonly TimeSpan DefaultGroupWindow = TimeSpan.FromMinutes(30);
    public const bool DefaultAutoResolve = true;

    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceId { get; private set; }
    /// <summary>A new alert joins the service's open incident when the previous alert came at most this long ago.</summary>
    public int GroupWindowMinutes { get; private set; }
    /// <summary>Resolve the incident when all its alerts have resolved (unless someone said to keep it open).</summary>
    public bool AutoResolve { get; private set; }

    private ServiceAlertSettings() { }

    public ServiceAlertSettings(Guid serviceId, int groupWindowMinutes, bool autoResolve)
    {
        ServiceId = serviceId;
        Update(groupWindowMinutes, autoResolve);
    }

    public TimeSpan GroupWindow => TimeSpan.FromMinutes(GroupWindowMinutes);

    public void Update(int groupWindowMinutes, bool autoResolve)
    {
        GroupWindowMinutes = groupWindowMinutes;
        AutoResolve = autoResolve;
    }
}

internal sealed class ServiceAlertSettingsConfiguration : IEntityTypeConfiguration<ServiceAlertSettings>
{
    public void Configure(EntityTypeBuilder<ServiceAlertSettings> builder)
    {
        builder.ToTable("ServiceAlertSettings");
        builder.HasIndex(s => s.ServiceId).IsUnique();
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
