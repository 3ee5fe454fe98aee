using Lifeline.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Keeps the status history complete whoever changes a notification: the dispatcher writes its
/// own entries with the details it knows (provider id, error, bundle); any other status change in
/// the same save (queued by the engine, cancelled by an acknowledgement, a fallback queued) gets
/// an entry here. After a save that queued work it wakes the dispatcher.
/// </summary>
public sealed class NotificationHistoryRecorder(DispatchSignal signal, TimeProvider time) : WakeAfterSave(signal)
{
    protected override bool BeforeSave(DbContext context)
    {
        var queued = false;
        var recorded = context.ChangeTracker.Entries<NotificationStatusChange>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.NotificationId, e.Entity.Status))
            .ToHashSet();
        var now = time.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<Notification>().ToList())
        {
            var n = entry.Entity;
            if (entry.State == EntityState.Added)
            {
                queued = true;
                if (!recorded.Contains((n.Id, n.Status)))
                {
                    context.Add(new NotificationStatusChange(n.Id, n.Status, now, n.FallbackOfId is { } of ? $"queued as the fallback of {of}" : "queued"));
                }
            }
            else if (entry.State == EntityState.Modified && StatusChanged(entry) && !recorded.Contains((n.Id, n.Status)))
            {
                context.Add(new NotificationStatusChange(n.Id, n.Status, now, n.Status == NotificationStatus.Cancelled ? "cancelled: no longer needed" : n.LastError));
            }
        }
        return queued;
    }

    private static bool StatusChanged(EntityEntry<Notification> entry)
    {
        var status = entry.Property(n => n.Status);
        return status.IsModified && !Equals(status.OriginalValue, status.CurrentValue);
    }
}
