using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Keeps the status history complete whoever changes a notification: the dispatcher writes its
/// own entries with the details it knows (provider id, error, bundle); any other status change in
/// the same save (queued by the engine, cancelled by an acknowledgement, a fallback queued) gets
/// an entry here. After a save that queued work it wakes the dispatcher.
/// </summary>
public sealed class NotificationHistoryRecorder(DispatchSignal signal, TimeProvider time) : SaveChangesInterceptor
{
    private bool _newWork;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake();
        return result;
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
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
                _newWork = true;
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
    }

    private static bool StatusChanged(EntityEntry<Notification> entry)
    {
        var status = entry.Property(n => n.Status);
        return status.IsModified && !Equals(status.OriginalValue, status.CurrentValue);
    }

    private void Wake()
    {
        if (_newWork)
        {
            _newWork = false;
            signal.Poke();
        }
    }
}
