using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Incidents;

/// <summary>
/// One thing that happened to an incident. Append-only: never changed or removed. Keeps both when it
/// happened and when Lifeline learnt of it, which differ for entries typed in from a manual log.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>One of <see cref="TimelineKinds"/> or a kind defined by another module.</summary>
    public string Kind { get; private set; } = "";
    public string Text { get; private set; } = "";
    public bool FromManualLog { get; private set; }
    /// <summary>Identifies a manual-log entry so importing it again does not add it twice; null otherwise.</summary>
    public string? ImportKey { get; private set; }

    private TimelineEntry() { }

    public TimelineEntry(Guid incidentId, DateTimeOffset occurredAt, DateTimeOffset recordedAt, string actor, string kind, string text,
        bool fromManualLog = false, string? importKey = null)
    {
        IncidentId = incidentId;
        OccurredAt = occurredAt;
        RecordedAt = recordedAt;
        Actor = actor;
        Kind = kind;
        Text = text;
        FromManualLog = fromManualLog;
        ImportKey = importKey;
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("IncidentTimeline");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.ImportKey).HasMaxLength(128);
        builder.HasIndex(e => new { e.IncidentId, e.OccurredAt });
        // NULLs are distinct in a unique index on both SQLite and PostgreSQL: only imported entries are constrained.
        builder.HasIndex(e => new { e.IncidentId, e.ImportKey }).IsUnique();
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
