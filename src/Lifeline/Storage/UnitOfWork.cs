using Microsoft.EntityFrameworkCore;

namespace Lifeline.Storage;

/// <summary>
/// One unit of a background worker's work (an engine batch, a dispatcher claim or batch of outcomes) in a
/// transaction of its own scope, retried whole by the provider's execution strategy.
/// </summary>
public static class UnitOfWork
{
    public static async Task<T> RunAsync<T>(IServiceScopeFactory scopes, Func<LifelineDbContext, IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        await using var outer = scopes.CreateAsyncScope();
        var strategy = outer.ServiceProvider.GetRequiredService<LifelineDbContext>().Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A fresh scope per attempt: a retried attempt must not see the tracked state of a failed one.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db, scope.ServiceProvider);
            // A batch tracks hundreds of rows, and each save interceptor that looks
            // at the tracked entries would scan them all again for changes. Detected once, here, after the
            // work: the interceptors only add entries (history, audit), which needs no detection.
            db.ChangeTracker.DetectChanges();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
    }
}
