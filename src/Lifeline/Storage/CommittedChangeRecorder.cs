using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Storage;

/// <summary>
/// Collects the ids of the things a save touches (incidents, schedules: the subclass says which), and publishes them
/// once they are committed: at once for a save on its own, at the commit for a save inside a transaction (an engine
/// batch) — told before the commit, a page would read the old state and not hear again.
/// </summary>
public abstract class CommittedChangeRecorder : SaveChangesInterceptor
{
    private readonly HashSet<Guid> _touched = [];

    /// <summary>Adds to <paramref name="touched"/> what this added, changed or deleted entry concerns.</summary>
    protected abstract void Collect(EntityEntry entry, ISet<Guid> touched);

    /// <summary>Tells the listeners: these are committed now.</summary>
    protected abstract void Publish(IReadOnlyCollection<Guid> ids);

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
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Collect(entry, _touched);
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
        Publish(touched);
    }
}

/// <summary>Hands the commit or rollback of a transaction to the same unit of work's <typeparamref name="TRecorder"/>.</summary>
public sealed class CommittedChangeWatcher<TRecorder>(TRecorder recorder) : DbTransactionInterceptor where TRecorder : CommittedChangeRecorder
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => recorder.Committed();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        recorder.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => recorder.Discard();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        recorder.Discard();
        return Task.CompletedTask;
    }
}
