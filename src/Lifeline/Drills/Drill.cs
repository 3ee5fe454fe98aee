using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Drills;

/// <summary>
/// One drill that ran: its drill incident (marked as a drill everywhere) and the escalation that paged its policy once
/// through. Who was paged, on which channel, what the provider said and when each person answered are the notifications,
/// their history and the page answers of that escalation: the report reads them, nothing is copied here.
/// </summary>
public sealed class Drill
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>Null for a drill run by hand.</summary>
    public Guid? ScheduleId { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid EscalationRunId { get; private set; }
    public Guid ServiceId { get; private set; }
    /// <summary>The policy it paged; the run keeps the policy as it was (a snapshot), so a deleted policy leaves the drill readable.</summary>
    public Guid? PolicyId { get; private set; }
    public string PolicyName { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public string StartedBy { get; private set; } = "";
    /// <summary>When the people the drill could not reach were told what to fix (once).</summary>
    public DateTimeOffset? FollowUpSentAt { get; private set; }

    private Drill() { }

    public Drill(Guid? scheduleId, Guid incidentId, Guid escalationRunId, Guid serviceId, Guid? policyId, string policyName, string startedBy, DateTimeOffset now)
    {
        ScheduleId = scheduleId;
        IncidentId = incidentId;
        EscalationRunId = escalationRunId;
        ServiceId = serviceId;
        PolicyId = policyId;
        PolicyName = policyName;
        StartedBy = startedBy;
        StartedAt = now;
    }

    public void FollowedUp(DateTimeOffset at) => FollowUpSentAt ??= at;
}

internal sealed class DrillConfiguration : IEntityTypeConfiguration<Drill>
{
    public void Configure(EntityTypeBuilder<Drill> builder)
    {
        builder.ToTable("Drills");
        builder.Property(d => d.PolicyName).HasMaxLength(200);
        builder.Property(d => d.StartedBy).HasMaxLength(256);
        builder.HasIndex(d => d.IncidentId).IsUnique();
        builder.HasIndex(d => d.StartedAt);
        builder.HasOne<Lifeline.Incidents.Incident>().WithMany().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DrillSchedule>().WithMany().HasForeignKey(d => d.ScheduleId).OnDelete(DeleteBehavior.SetNull);
    }
}
