using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Escalation.Engine;

/// <summary>
/// Pokes the engine after a save that added or moved engine work that is due now; after, not before,
/// so the work is committed when the engine looks. Work due later is found by the loop, which never
/// sleeps past the poll interval: poking for it (the service-level checks every incident schedules
/// hours ahead) only made the engine run empty passes that compete with requests for the database.
/// </summary>
public sealed class EngineWakeUp(EngineSignal signal, TimeProvider time) : SaveChangesInterceptor
{
    private bool _newWork;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _newWork = HasWorkDueNow(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _newWork = HasWorkDueNow(eventData.Context);
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

    private bool HasWorkDueNow(DbContext? context)
    {
        var now = time.GetUtcNow();
        return context?.ChangeTracker.Entries<EngineJob>()
            .Any(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.DoneAt is null && e.Entity.DueAt <= now) ?? false;
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
