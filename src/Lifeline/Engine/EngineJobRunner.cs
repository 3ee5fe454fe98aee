namespace Lifeline.Engine;

/// <summary>Hands each claimed job to the handler registered for its kind, in the pass's unit of work.</summary>
public sealed class EngineJobRunner(IServiceProvider services)
{
    /// <summary>The outcome of a job whose kind no module here handles; the job is postponed, not dropped.</summary>
    public const string NoHandler = "no handler for this kind";

    public async Task PrepareAsync(IReadOnlyList<EngineJob> jobs, CancellationToken ct)
    {
        foreach (var group in jobs.GroupBy(j => j.Kind, StringComparer.Ordinal))
        {
            if (services.GetKeyedService<IEngineJobHandler>(group.Key) is { } handler)
            {
                await handler.PrepareAsync([.. group], ct);
            }
        }
    }

    /// <returns>The outcome, or null when no handler is registered for the job's kind.</returns>
    public async Task<string?> RunAsync(EngineJob job, CancellationToken ct) =>
        services.GetKeyedService<IEngineJobHandler>(job.Kind) is { } handler ? await handler.RunAsync(job, ct) : null;
}
