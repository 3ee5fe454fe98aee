using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Drills;

/// <summary>
/// Drills that come back on a recurrence (an iCalendar RRULE such as <c>FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU</c>, "every two
/// months on the first Tuesday") for a service and a policy, from a first time in an IANA zone. The next one is an engine
/// job due at <see cref="NextRunAt"/>: the database is the only memory.
/// </summary>
public sealed class DrillSchedule
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public Guid ServiceId { get; private set; }
    public Guid PolicyId { get; private set; }
    public string Recurrence { get; private set; } = "";
    /// <summary>The first drill, as a local time in <see cref="TimeZone"/>: the recurrence keeps its wall-clock time across daylight saving.</summary>
    public DateTime FirstLocal { get; private set; }
    public string TimeZone { get; private set; } = "";
    public DateTimeOffset? NextRunAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private DrillSchedule() { }

    public DrillSchedule(string name, Guid serviceId, Guid policyId, string recurrence, DateTime firstLocal, string timeZone, string createdBy, DateTimeOffset now)
    {
        Name = name.Trim();
        ServiceId = serviceId;
        PolicyId = policyId;
        Recurrence = recurrence.Trim();
        FirstLocal = DateTime.SpecifyKind(firstLocal, DateTimeKind.Unspecified);
        TimeZone = timeZone;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public void Next(DateTimeOffset? at) => NextRunAt = at;
}

internal sealed class DrillScheduleConfiguration : IEntityTypeConfiguration<DrillSchedule>
{
    public void Configure(EntityTypeBuilder<DrillSchedule> builder)
    {
        builder.ToTable("DrillSchedules");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Recurrence).HasMaxLength(500);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        // A wall-clock time with no offset: PostgreSQL's timestamptz would want an instant, so it is kept as ISO 8601 text.
        builder.Property(s => s.FirstLocal).HasMaxLength(19)
            .HasConversion(v => v.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                v => DateTime.ParseExact(v, "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None));
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne<Lifeline.Directory.Services.Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lifeline.Escalation.Policies.EscalationPolicy>().WithMany().HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
