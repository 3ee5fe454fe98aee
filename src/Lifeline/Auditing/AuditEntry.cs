using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Auditing;

/// <summary>One change to an audited entity: who, what, before and after, when. Never updated or deleted.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public Guid EntityId { get; private set; }
    public string Action { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }

    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string actor, string entityType, Guid entityId, string action, string? before, string? after)
    {
        At = at;
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Before = before;
        After = after;
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(16);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.At);
    }
}
