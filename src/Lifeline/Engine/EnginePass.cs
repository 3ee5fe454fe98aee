using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Engine;

/// <summary>
/// One idempotent pass over due work: claim due jobs, carry each out, mark it done, all in one
/// transaction per batch. On PostgreSQL the claim takes row locks with SKIP LOCKED, so any number
/// of instances, and several workers in each (<see cref="EngineOptions.PostgresWorkers"/>), run
/// batches at once and never take the same job; on SQLite one instance runs the engine and this
/// process serialises its own passes. Tests call <see cref="RunOnceAsync"/> directly after moving a fake clock.
/// </summary>
public sealed class EnginePass(IServiceScopeFactory scopes, TimeProvider time, IOptions<EngineOptions> options, IOptions<DatabaseOptions> database,
    ILogger<EnginePass> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <returns>How many jobs were carried out.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var workers = database.Value.Provider == DatabaseProvider.Postgres ? options.Value.PostgresWorkers : 1;
            if (workers == 1 || !await AnyDueAsync(ct))
            {
                return await WorkAsync(ct);
            }
            return (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(ct)))).Sum();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One worker's batches, until nothing is due that another worker has not claimed.</summary>
    private async Task<int> WorkAsync(CancellationToken ct)
    {
        // Until nothing is due: a step may schedule another that is due at once (a tier that reached
        // nobody moves on without waiting). Bounded, in case a bug made a job reschedule itself forever.
        var total = 0;
        for (var round = 0; round < 1000 && !ct.IsCancellationRequested; round++)
        {
            // A plain read first: a claim is a write transaction (on SQLite it takes the database's
            // write lock), and most passes find nothing due.
            if (!await AnyDueAsync(ct))
            {
                break;
            }
            var (handled, claimed) = await RunBatchAsync(ct);
            total += handled;
            if (claimed == 0)
            {
                break;
            }
        }
        return total;
    }

    /// <summary>When the earliest undone job is due, for the loop's sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await db.EngineJobs.Where(j => j.DoneAt == null).OrderBy(j => j.DueAt).Select(j => (DateTimeOffset?)j.DueAt).FirstOrDefaultAsync(ct);
    }

    private async Task<bool> AnyDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var now = time.GetUtcNow();
        return await db.EngineJobs.AnyAsync(j => j.DoneAt == null && j.DueAt <= now, ct);
    }

    private async Task<(int Handled, int Claimed)> RunBatchAsync(CancellationToken ct)
    {
        List<Guid> claimedIds = [];
        try
        {
            return await InTransactionAsync(async (db, runner) =>
            {
                var jobs = await ClaimAsync(db, null, options.Value.BatchSize, ct);
                claimedIds = jobs.Select(j => j.Id).ToList();
                await runner.PrepareAsync(jobs, ct);
                foreach (var job in jobs)
                {
                    await RunAsync(runner, job, ct);
                }
                return (jobs.Count, jobs.Count);
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && claimedIds.Count > 0)
        {
            // One bad job must not hold up the others: carry them out one by one, postponing the one that fails.
            logger.LogWarning(e, "An engine batch of {Count} jobs failed; retrying them one at a time", claimedIds.Count);
            var handled = 0;
            foreach (var id in claimedIds)
            {
                handled += await RunSingleAsync(id, ct) ? 1 : 0;
            }
            return (handled, claimedIds.Count);
        }
    }

    /// <summary>
    /// Carries out one job and marks it done. A kind that no module of this instance handles (a newer
    /// instance's job during a rolling upgrade) is put off, not marked done: an instance that knows it will take it.
    /// </summary>
    private async Task RunAsync(EngineJobRunner runner, EngineJob job, CancellationToken ct)
    {
        if (await runner.RunAsync(job, ct) is { } outcome)
        {
            job.Complete(time.GetUtcNow(), outcome);
            return;
        }
        logger.LogWarning("Engine job {JobId} has kind {Kind}, which no module here handles; it is put off", job.Id, job.Kind);
        job.Postpone(time.GetUtcNow(), $"{EngineJobRunner.NoHandler}: {job.Kind}");
    }

    private async Task<bool> RunSingleAsync(Guid jobId, CancellationToken ct)
    {
        try
        {
            return await InTransactionAsync(async (db, runner) =>
            {
                var job = (await ClaimAsync(db, jobId, 1, ct)).SingleOrDefault();
                if (job is null)
                {
                    return false;
                }
                await runner.PrepareAsync([job], ct);
                await RunAsync(runner, job, ct);
                return true;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Engine job {JobId} failed; it will be tried again later", jobId);
            await InTransactionAsync(async (db, _) =>
            {
                var job = await db.EngineJobs.FirstOrDefaultAsync(j => j.Id == jobId && j.DoneAt == null, ct);
                job?.Postpone(time.GetUtcNow(), e.GetType().Name + ": " + e.Message);
                return true;
            }, ct);
            return false;
        }
    }

    private Task<T> InTransactionAsync<T>(Func<LifelineDbContext, EngineJobRunner, Task<T>> work, CancellationToken ct) =>
        UnitOfWork.RunAsync(scopes, (db, services) => work(db, services.GetRequiredService<EngineJobRunner>()), ct);

    private async Task<List<EngineJob>> ClaimAsync(LifelineDbContext db, Guid? jobId, int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return jobId is { } id
                ? await db.EngineJobs.FromSql($"""SELECT * FROM "EngineJobs" WHERE "Id" = {id} AND "DoneAt" IS NULL FOR UPDATE SKIP LOCKED""").ToListAsync(ct)
                : await db.EngineJobs.FromSql($"""SELECT * FROM "EngineJobs" WHERE "DoneAt" IS NULL AND "DueAt" <= {now} ORDER BY "DueAt" LIMIT {limit} FOR UPDATE SKIP LOCKED""").ToListAsync(ct);
        }
        // SQLite: one writer at a time and one engine per process (the gate), so a plain read claims.
        var jobs = db.EngineJobs.Where(j => j.DoneAt == null);
        jobs = jobId is { } single ? jobs.Where(j => j.Id == single) : jobs.Where(j => j.DueAt <= now);
        return await jobs.OrderBy(j => j.DueAt).Take(limit).ToListAsync(ct);
    }
}
