using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Escalation.Engine;

/// <summary>Pokes the engine after a save that added or moved engine work; after, not before, so the work is committed when the engine looks.</summary>
public sealed class EngineWakeUp(EngineSignal signal) : SaveChangesInterceptor
{
    private bool _newWork;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _newWork = eventData.Context?.ChangeTracker.Entries<EngineJob>().Any(e => e.State is EntityState.Added or EntityState.Modified) ?? false;
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _newWork = eventData.Context?.ChangeTracker.Entries<EngineJob>().Any(e => e.State is EntityState.Added or EntityState.Modified) ?? false;
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

    private void Wake()
    {
        if (_newWork)
        {
            _newWork = false;
            signal.Poke();
        }
    }
}
