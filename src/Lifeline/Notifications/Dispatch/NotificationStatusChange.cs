using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Notifications.Dispatch;

/// <summary>One step in a notification's life (queued, sending, sent, delivered, retry, failed), with what happened.</summary>
public sealed class NotificationStatusChange
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid NotificationId { get; private set; }
    public NotificationStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Detail { get; private set; }

    private NotificationStatusChange() { }

    public NotificationStatusChange(Guid notificationId, NotificationStatus status, DateTimeOffset at, string? detail)
    {
        NotificationId = notificationId;
        Status = status;
        At = at;
        Detail = detail is { Length: > 1000 } ? detail[..1000] : detail;
    }
}

internal sealed class NotificationStatusChangeConfiguration : IEntityTypeConfiguration<NotificationStatusChange>
{
    public void Configure(EntityTypeBuilder<NotificationStatusChange> builder)
    {
        builder.ToTable("NotificationHistory");
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Detail).HasMaxLength(1000);
        builder.HasIndex(h => new { h.NotificationId, h.At });
        builder.HasOne<Notification>().WithMany().HasForeignKey(h => h.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
