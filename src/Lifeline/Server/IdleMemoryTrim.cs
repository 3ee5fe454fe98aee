namespace Lifeline.Server;

/// <summary>
/// Hands memory back to the operating system when the server goes quiet, as the JVM's periodic
/// G1 collection does. The GC collects only when allocations call for it, so after start-up or a
/// burst of incidents an idle server keeps holding the garbage of the busy minute (tens of MB, see
/// the benchmark's idle_rss_mb). Once a second this looks at how much was allocated: after at least
/// <see cref="IdleTrimPolicy.BusyBytes"/> of activity followed by a quiet second, one full compacting
/// collection releases it. Under steady load it never runs; it runs once per busy spell, not per request.
/// </summary>
public sealed class IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new IdleTrimPolicy(GC.GetTotalAllocatedBytes());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    policy.Trimmed(GC.GetTotalAllocatedBytes());
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        logger.LogDebug("Idle: released {Released} MB to the operating system", (before - Environment.WorkingSet) / (1024 * 1024));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

/// <summary>When to trim: after a busy spell (<see cref="BusyBytes"/> allocated since the last trim), in the first quiet second.</summary>
public sealed class IdleTrimPolicy(long allocatedAtStart)
{
    /// <summary>Allocation since the last trim that makes a collection worth its pause (a few ms on Lifeline's heap).</summary>
    public const long BusyBytes = 16L * 1024 * 1024;

    /// <summary>Allocation in one second that still counts as quiet: the engine's and the dispatcher's polls allocate a little.</summary>
    public const long QuietBytesPerTick = 2L * 1024 * 1024;

    private long _lastTick = allocatedAtStart;
    private long _lastTrim = allocatedAtStart;

    public bool ShouldTrim(long allocatedNow)
    {
        var sinceTick = allocatedNow - _lastTick;
        _lastTick = allocatedNow;
        return sinceTick <= QuietBytesPerTick && allocatedNow - _lastTrim >= BusyBytes;
    }

    public void Trimmed(long allocatedNow) => _lastTrim = _lastTick = allocatedNow;
}
