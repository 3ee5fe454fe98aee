using Lifeline.Auditing;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Schedules;

public enum SwapStatus
{
    Requested,
    Accepted,
    Declined,
    Cancelled,
}

/// <summary>
/// A person asking a colleague of the same schedule to take over their time on call for a period. Nothing changes until
/// the colleague accepts; then an override puts the colleague in the requester's place, and both steps are audited.
/// </summary>
public sealed class SwapRequest : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ScheduleId { get; private set; }
    public Guid RequesterId { get; private set; }
    public Guid ColleagueId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public string? Note { get; private set; }
    public SwapStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? OverrideId { get; private set; }

    private SwapRequest() { }

    public SwapRequest(Guid scheduleId, Guid requesterId, Guid colleagueId, DateTimeOffset from, DateTimeOffset to, string? note, DateTimeOffset now)
    {
        ScheduleId = scheduleId;
        RequesterId = requesterId;
        ColleagueId = colleagueId;
        From = from;
        To = to;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Status = SwapStatus.Requested;
        CreatedAt = now;
    }

    public void Accept(Guid overrideId, DateTimeOffset now)
    {
        Status = SwapStatus.Accepted;
        OverrideId = overrideId;
        DecidedAt = now;
    }

    public void Decline(DateTimeOffset now)
    {
        Status = SwapStatus.Declined;
        DecidedAt = now;
    }
}

internal sealed class SwapRequestConfiguration : IEntityTypeConfiguration<SwapRequest>
{
    public void Configure(EntityTypeBuilder<SwapRequest> builder)
    {
        builder.ToTable("SwapRequests");
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.HasIndex(s => new { s.ScheduleId, s.Status });
        builder.HasOne<Schedule>().WithMany().HasForeignKey(s => s.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.RequesterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.ColleagueId).OnDelete(DeleteBehavior.Cascade);
    }
}
