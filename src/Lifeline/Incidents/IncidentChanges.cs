using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Incidents;

/// <summary>
/// "Something about these incidents just changed": raised after every save that touched an incident or anything that
/// belongs to one (its timeline, pages, teams, escalation, status updates), whoever saved it — the API, the console, the
/// engine, an SMS reply. The console's open boards and incident pages listen and reload, so they are live without polling.
/// </summary>
public sealed class IncidentChanges
{
    public event Action<IReadOnlyCollection<Guid>>? Changed;

    internal void Raise(IReadOnlyCollection<Guid> incidentIds) => Changed?.Invoke(incidentIds);
}

/// <summary>Collects the incidents a save touches, and tells <see cref="IncidentChanges"/> once the save has committed.</summary>
public sealed class IncidentChangeRecorder(IncidentChanges changes) : SaveChangesInterceptor
{
    private readonly HashSet<Guid> _touched = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _touched.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _touched.Clear();
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.Entity is Incident incident)
            {
                _touched.Add(incident.Id);
            }
            else if (entry.Metadata.FindProperty(nameof(TimelineEntry.IncidentId)) is { } property && entry.Property(property).CurrentValue is Guid id)
            {
                _touched.Add(id);
            }
        }
    }

    private void Publish()
    {
        if (_touched.Count == 0)
        {
            return;
        }
        var touched = _touched.ToArray();
        _touched.Clear();
        changes.Raise(touched);
    }
}
