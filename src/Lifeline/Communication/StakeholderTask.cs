using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Communication;

/// <summary>
/// Something a stakeholder was asked to do and confirms (the seed's "The Director of Operations
/// will call the CIO and DCIO"): on the timeline until confirmed.
/// </summary>
public sealed class StakeholderTask
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public Guid PersonId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }

    private StakeholderTask() { }

    public StakeholderTask(Guid incidentId, Guid personId, string text, DateTimeOffset now)
    {
        IncidentId = incidentId;
        PersonId = personId;
        Text = text;
        CreatedAt = now;
    }

    public bool Confirm(string by, DateTimeOffset at)
    {
        if (ConfirmedAt is not null)
        {
            return false;
        }
        ConfirmedAt = at;
        ConfirmedBy = by;
        return true;
    }
}

internal sealed class StakeholderTaskConfiguration : IEntityTypeConfiguration<StakeholderTask>
{
    public void Configure(EntityTypeBuilder<StakeholderTask> builder)
    {
        builder.ToTable("StakeholderTasks");
        builder.Property(t => t.Text).HasMaxLength(500);
        builder.Property(t => t.ConfirmedBy).HasMaxLength(256);
        builder.HasIndex(t => t.IncidentId);
        builder.HasOne<Lifeline.Incidents.Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
