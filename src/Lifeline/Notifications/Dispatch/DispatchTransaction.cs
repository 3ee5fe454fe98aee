using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications.Dispatch;

/// <summary>One unit of the dispatcher's work in a transaction, retried whole by the provider's execution strategy.</summary>
public static class DispatchTransaction
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
            // A claim or a batch of outcomes tracks hundreds of rows, and each save interceptor that looks
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
