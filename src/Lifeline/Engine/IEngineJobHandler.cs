namespace Lifeline.Engine;

/// <summary>
/// Carries out the engine jobs of one kind. A domain module registers one per kind it schedules
/// (<see cref="EngineSetup.AddEngineJob{THandler}"/>); the engine finds it by the job's stored kind text.
/// A handler runs inside the pass's unit of work: it changes entities and adds the next jobs, and the
/// pass saves and commits them together with the job marked done. It must be safe to run again for
/// the same job (a batch that failed is retried job by job).
/// </summary>
public interface IEngineJobHandler
{
    /// <returns>What it did, in a few words: stored on the job as its outcome.</returns>
    Task<string> RunAsync(EngineJob job, CancellationToken ct);

    /// <summary>
    /// Called once per batch with the batch's jobs of this kind before any of them runs, so a handler can
    /// read what they all need in a few queries instead of one per job.
    /// </summary>
    Task PrepareAsync(IReadOnlyList<EngineJob> jobs, CancellationToken ct) => Task.CompletedTask;
}
