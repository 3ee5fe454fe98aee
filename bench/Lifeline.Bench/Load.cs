using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lifeline.Bench;

/// <summary>Bounded load shapes: every loop stops by itself after its duration.</summary>
public static class Load
{
    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> workers each send the next request as soon as the
    /// last is answered, for <paramref name="duration"/>. Returns the results and the time it took.
    /// </summary>
    public static async Task<(List<T> Results, TimeSpan Elapsed)> ClosedLoopAsync<T>(int concurrency, TimeSpan duration, Func<int, Task<T>> send)
    {
        var results = new ConcurrentBag<T>();
        var watch = Stopwatch.StartNew();
        var sequence = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                results.Add(await send(Interlocked.Increment(ref sequence)));
            }
        });
        await Task.WhenAll(workers);
        return ([.. results], watch.Elapsed);
    }

    /// <summary>
    /// Open loop: requests start at <paramref name="perSecond"/> whatever the answers do (as alerts
    /// arrive in an outage), for <paramref name="duration"/>, with at most <paramref name="maxInFlight"/>
    /// outstanding so a stalled server cannot make the driver pile up work without end.
    /// </summary>
    public static async Task<List<T>> OpenLoopAsync<T>(double perSecond, TimeSpan duration, int maxInFlight, Func<int, Task<T>> send)
    {
        var total = (int)Math.Round(perSecond * duration.TotalSeconds);
        var gate = new SemaphoreSlim(maxInFlight);
        var tasks = new List<Task<T>>(total);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            await gate.WaitAsync();
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    return await send(n);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        return [.. await Task.WhenAll(tasks)];
    }
}
