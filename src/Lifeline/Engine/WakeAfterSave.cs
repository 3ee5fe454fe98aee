using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Engine;

/// <summary>
/// Pokes a loop's <see cref="WakeSignal"/> after a save that committed work for it; after, not before,
/// so the work is in the database when the loop looks. A subclass says what counts as new work, and may
/// add entries of its own to the same save.
/// </summary>
public abstract class WakeAfterSave(WakeSignal signal) : SaveChangesInterceptor
{
    private bool _newWork;

    /// <summary>Looks at the save about to happen; true when it brings work the loop should see at once.</summary>
    protected abstract bool BeforeSave(DbContext context);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
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

    private void Inspect(DbContext? context)
    {
        if (context is not null && BeforeSave(context))
        {
            _newWork = true;
        }
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
