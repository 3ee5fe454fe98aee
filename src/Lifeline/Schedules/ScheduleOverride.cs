using Lifeline.Auditing;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Schedules;

public enum OverrideKind
{
    /// <summary><c>PersonId</c> is on call instead of <c>ReplacesId</c> (or instead of whoever is on call, when none is named).</summary>
    Replace,
    /// <summary><c>PersonId</c> is on call as well.</summary>
    Add,
    /// <summary><c>PersonId</c> is not on call, whatever the rotation says.</summary>
    Remove,
}

/// <summary>A change to a schedule's final line for a period, made by an admin (or an accepted swap). Audited.</summary>
public sealed class ScheduleOverride : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ScheduleId { get; private set; }
    public OverrideKind Kind { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? ReplacesId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private ScheduleOverride() { }

    public ScheduleOverride(Guid scheduleId, OverrideKind kind, Guid personId, Guid? replacesId, DateTimeOffset from, DateTimeOffset to, string? reason, DateTimeOffset now)
    {
        ScheduleId = scheduleId;
        Kind = kind;
        PersonId = personId;
        ReplacesId = replacesId;
        From = from;
        To = to;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CreatedAt = now;
    }

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From < to && from < To;
}

internal sealed class ScheduleOverrideConfiguration : IEntityTypeConfiguration<ScheduleOverride>
{
    public void Configure(EntityTypeBuilder<ScheduleOverride> builder)
    {
        builder.ToTable("ScheduleOverrides");
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Reason).HasMaxLength(500);
        builder.HasIndex(o => new { o.ScheduleId, o.To });
        builder.HasOne<Schedule>().WithMany().HasForeignKey(o => o.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.ReplacesId).OnDelete(DeleteBehavior.Cascade);
    }
}
