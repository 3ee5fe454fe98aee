using System.Text.Json;
using Lifeline.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Auditing;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted <see cref="IAudited"/>
/// entity in the same transaction as the change, so no code path can change the directory
/// without leaving a trace. Also refuses any attempt to rewrite the append-only logs.
/// </summary>
public sealed class AuditInterceptor(CurrentActor actor, TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var tracker = context.ChangeTracker;
        tracker.DetectChanges();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry or ContactAccessLogEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit and access logs are append-only.");
            }
        }

        var now = time.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in tracker.Entries<IAudited>())
        {
            var (action, before, after) = entry.State switch
            {
                EntityState.Added => ("Created", null, Snapshot(entry, current: true)),
                EntityState.Deleted => ("Deleted", Snapshot(entry, current: false), null),
                EntityState.Modified when entry.Properties.Any(p => p.IsModified) => ("Updated", Snapshot(entry, current: false), Snapshot(entry, current: true)),
                _ => (null, null, null),
            };
            if (action is not null)
            {
                entries.Add(new AuditEntry(now, actor.Name, entry.Metadata.ClrType.Name, entry.Entity.Id, action, before, after));
            }
        }
        context.AddRange(entries);
    }

    private static string Snapshot(EntityEntry entry, bool current)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            values[property.Metadata.Name] = current ? property.CurrentValue : property.OriginalValue;
        }
        return JsonSerializer.Serialize(values);
    }
}
