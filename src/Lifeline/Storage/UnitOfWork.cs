using Lifeline.Access;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Storage;

/// <summary>
/// Units of work, each in a DI scope (and so a <see cref="LifelineDbContext"/>) of its own: a background worker's
/// batch (<see cref="RunAsync{T}"/>), or one command or read for an actor (<see cref="RunAsAsync{TService, T}"/>).
/// </summary>
public static class UnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> on a <typeparamref name="TService"/> of a fresh scope whose actor is <paramref name="actor"/>:
    /// how the console (a circuit lives for hours and has no request) and anything else without a request of its own
    /// call the same services as the API, with the same audit and access log. The service saves what it changes.
    /// </summary>
    public static async Task<T> RunAsAsync<TService, T>(this IServiceScopeFactory scopes, Actor actor, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(actor);
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>
    /// One unit of a background worker's work (an engine batch, a dispatcher claim or batch of outcomes) in a
    /// transaction of its own scope, retried whole by the provider's execution strategy.
    /// </summary>
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
