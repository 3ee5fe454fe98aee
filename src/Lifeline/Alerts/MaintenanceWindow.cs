using Lifeline.Auditing;
using Lifeline.Directory.Services;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// A time, scheduled ahead, when a service (or, without one, every service) is being worked on: its alerts are recorded
/// but page nobody. When the window ends (an engine job at <see cref="EndsAt"/>), alerts still firing open their incident.
/// </summary>
public sealed class MaintenanceWindow : IAudited, IShownOnBoard
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>Null: every service.</summary>
    public Guid? ServiceId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string Reason { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>The series this is one occurrence of (<see cref="RecurringMaintenance"/>), if any.</summary>
    public Guid? RecurringMaintenanceId { get; private set; }

    Guid? IShownOnBoard.BoardChangeId => Id;

    private MaintenanceWindow() { }

    public MaintenanceWindow(Guid? serviceId, DateTimeOffset startsAt, DateTimeOffset endsAt, string reason, string createdBy)
    {
        ServiceId = serviceId;
        StartsAt = startsAt;
        EndsAt = endsAt;
        Reason = reason.Trim();
        CreatedBy = createdBy;
    }

    /// <summary>One occurrence of a recurring maintenance.</summary>
    public static MaintenanceWindow Occurrence(RecurringMaintenance series, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        new(series.ServiceId, startsAt, endsAt, series.Reason, series.CreatedBy) { RecurringMaintenanceId = series.Id };

    public bool Covers(DateTimeOffset at) => CancelledAt is null && StartsAt <= at && at < EndsAt;

    /// <summary>Ended early (or called off before it began): from now on alerts page again.</summary>
    public void Cancel(DateTimeOffset now)
    {
        CancelledAt ??= now;
        if (EndsAt > now)
        {
            EndsAt = now < StartsAt ? StartsAt : now;
        }
    }
}

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> builder)
    {
        builder.ToTable("MaintenanceWindows");
        builder.Property(w => w.Reason).HasMaxLength(500);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        builder.HasIndex(w => new { w.ServiceId, w.EndsAt });
        // One row per occurrence: making the next occurrence again (a redelivered engine job) cannot add a second.
        builder.HasIndex(w => new { w.RecurringMaintenanceId, w.StartsAt }).IsUnique();
        builder.HasOne<RecurringMaintenance>().WithMany().HasForeignKey(w => w.RecurringMaintenanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(w => w.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
