using System.Diagnostics;
using System.Net;

namespace Lifeline.Bench;

public sealed record LatenessResult(int Incidents, double OpenSeconds, int NotDone, Stats Latency)
{
    public override string ToString() => $"{Incidents} incidents opened in {OpenSeconds:0.0} s; tier 2 fired {Latency} after due; {NotDone} not done";
}

/// <summary>
/// Many incidents escalating at once: each is opened (tier 1 pages at once), and its second tier is
/// due one wait later. How late each second-tier step fires is read afterwards from the engine's
/// own rows: <c>EngineJobs.DoneAt - DueAt</c>. Tier 1 is left out: it is due the moment the incident
/// is opened, which is what alert-to-dispatch measures.
/// </summary>
public static class LatenessBenchmark
{
    public static async Task<LatenessResult> RunAsync(LifelineClient client, BenchDatabase db, EscalationFixture fixture, int count, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        var opened = new List<OpenResult>();
        var next = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            // Bounded by count and by time: a server that stops answering cannot hold the run forever.
            while (Interlocked.Increment(ref next) <= count && watch.Elapsed < TimeSpan.FromMinutes(10))
            {
                var result = await client.OpenIncidentAsync(fixture.ServiceId, 1, "Lateness: core switch down");
                lock (opened)
                {
                    opened.Add(result);
                }
            }
        });
        await Task.WhenAll(workers);
        var openSeconds = watch.Elapsed.TotalSeconds;
        var ids = opened.Where(o => o.Status == HttpStatusCode.Created).Select(o => o.Id!.Value).ToHashSet();

        // Everything is due within one wait of the last open; wait for it, then some slack, bounded.
        var deadline = DateTimeOffset.UtcNow + fixture.Wait + TimeSpan.FromSeconds(120);
        List<(Guid Incident, DateTimeOffset Due, DateTimeOffset? Done)> steps;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            steps = (await db.QueryAsync("SELECT \"IncidentId\", \"DueAt\", \"DoneAt\" FROM \"EngineJobs\" WHERE \"Kind\" = 'EscalationStep' AND \"Tier\" = 1"))
                .Select(r => (BenchDatabase.Id(r[0]), BenchDatabase.Instant(r[1])!.Value, BenchDatabase.Instant(r[2])))
                .Where(s => ids.Contains(s.Item1)).ToList();
        }
        while ((steps.Count < ids.Count || steps.Any(s => s.Done is null)) && DateTimeOffset.UtcNow < deadline);

        var done = steps.Where(s => s.Done is not null).ToList();
        return new LatenessResult(ids.Count, openSeconds, ids.Count - done.Count,
            Stats.Of(done.Select(s => Math.Max(0, (s.Done!.Value - s.Due).TotalMilliseconds))));
    }
}
