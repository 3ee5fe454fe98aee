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

    /// <summary>Where changes made here are passed on to the other instances on the same database (PostgreSQL), if any.</summary>
    internal Action<IReadOnlyCollection<Guid>>? Relay { get; set; }

    /// <summary>Changes committed by this instance: heard here, and passed on to the others.</summary>
    internal void Raise(IReadOnlyCollection<Guid> incidentIds)
    {
        Changed?.Invoke(incidentIds);
        Relay?.Invoke(incidentIds);
    }

    /// <summary>Changes another instance committed, heard through the database.</summary>
    internal void RaiseFromElsewhere(IReadOnlyCollection<Guid> incidentIds) => Changed?.Invoke(incidentIds);
}

/// <summary>
/// Something the board shows besides incidents (a maintenance window, an alert a window holds back): a save that
/// touches it is told as a change of <see cref="BoardChangeId"/>, so open boards reload. An incident page, which listens
/// only for its own incident's id, ignores it.
/// </summary>
public interface IShownOnBoard
{
    /// <summary>The id told to listeners, or null when this change is already told through an incident.</summary>
    Guid? BoardChangeId { get; }
}

/// <summary>
/// Collects the incidents a save touches, and tells <see cref="IncidentChanges"/> once they are committed: at once
/// for a save on its own, at the commit for a save inside a transaction (an engine batch) — told before the commit,
/// a page would read the old state and not hear again.
/// </summary>
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
        PublishUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishUnlessInTransaction(eventData.Context);
        return result;
    }

    private void PublishUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Publish();
        }
    }

    /// <summary>The transaction committed: what its saves touched is now there for anyone to read.</summary>
    internal void Committed() => Publish();

    internal void Discard() => _touched.Clear();

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
            else if (entry.Entity is IShownOnBoard { BoardChangeId: { } shown })
            {
                _touched.Add(shown);
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

/// <summary>Hands the commit or rollback of a transaction to the same unit of work's <see cref="IncidentChangeRecorder"/>.</summary>
public sealed class IncidentChangeCommitWatcher(IncidentChangeRecorder recorder) : DbTransactionInterceptor
{
    private IncidentChangeRecorder Recorder => recorder;

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Recorder.Committed();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Recorder.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Recorder.Discard();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Recorder.Discard();
        return Task.CompletedTask;
    }
}
