using Microsoft.EntityFrameworkCore;

namespace Lifeline.Engine;

/// <summary>
/// Pokes the engine after a save that added or moved engine work that is due now. Work due later is
/// found by the loop, which never sleeps past the poll interval: poking for it (the service-level
/// checks every incident schedules hours ahead) only made the engine run empty passes that compete
/// with requests for the database.
/// </summary>
public sealed class EngineWakeUp(EngineSignal signal, TimeProvider time) : WakeAfterSave(signal)
{
    protected override bool BeforeSave(DbContext context)
    {
        var now = time.GetUtcNow();
        return context.ChangeTracker.Entries<EngineJob>()
            .Any(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.DoneAt is null && e.Entity.DueAt <= now);
    }
}
