using Lifeline.Auditing;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Alerts;

/// <summary>
/// Maintenance that comes back on a schedule ("every Sunday 02:00–04:00 Europe/Berlin"): a cron <see cref="Schedule"/>
/// read as wall-clock times in <see cref="TimeZone"/>, each occurrence lasting <see cref="DurationMinutes"/> of wall-clock
/// time. Its occurrences are ordinary <see cref="MaintenanceWindow"/> rows, made a little ahead
/// (<see cref="MaintenanceRecurrence"/>), so silencing, the board and the end-of-window job treat them like any other.
/// </summary>
public sealed class RecurringMaintenance : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>Null: every service.</summary>
    public Guid? ServiceId { get; private set; }
    /// <summary>Five-field cron expression (minute hour day-of-month month day-of-week).</summary>
    public string Schedule { get; private set; } = "";
    /// <summary>IANA zone the schedule's times are in.</summary>
    public string TimeZone { get; private set; } = "";
    public int DurationMinutes { get; private set; }
    public string Reason { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    /// <summary>No occurrence ends before this instant.</summary>
    public DateTimeOffset From { get; private set; }
    /// <summary>No occurrence starts at or after this instant; null: for ever.</summary>
    public DateTimeOffset? Until { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    private RecurringMaintenance() { }

    public RecurringMaintenance(Guid? serviceId, string schedule, string timeZone, int durationMinutes, string reason, string createdBy, DateTimeOffset from, DateTimeOffset? until)
    {
        ServiceId = serviceId;
        Schedule = schedule.Trim();
        TimeZone = timeZone.Trim();
        DurationMinutes = durationMinutes;
        Reason = reason.Trim();
        CreatedBy = createdBy;
        From = from;
        Until = until;
    }

    /// <summary>No more occurrences; the one in force, if any, is ended by the caller.</summary>
    public void Cancel(DateTimeOffset now) => CancelledAt ??= now;

    /// <summary>How the board and the API describe it: "0 2 * * SUN (Europe/Berlin), 120 min".</summary>
    public string Describe() => $"recurs {Schedule} ({TimeZone}), {DurationMinutes} min";
}

internal sealed class RecurringMaintenanceConfiguration : IEntityTypeConfiguration<RecurringMaintenance>
{
    public void Configure(EntityTypeBuilder<RecurringMaintenance> builder)
    {
        builder.ToTable("RecurringMaintenances");
        builder.Property(r => r.Schedule).HasMaxLength(100);
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasIndex(r => r.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
