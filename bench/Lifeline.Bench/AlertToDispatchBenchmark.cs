using System.Net;

namespace Lifeline.Bench;

public sealed record AlertResult(int Sent, int Rejected, int Missing, Stats Latency)
{
    public override string ToString() => $"{Latency}; {Rejected} rejected, {Missing} without a page";
}

/// <summary>
/// Severity 1 incidents at a steady rate (open loop); for each, the time from sending the POST to
/// its first page reaching the <see cref="DispatchPoint"/>.
/// </summary>
public static class AlertToDispatchBenchmark
{
    public static async Task<AlertResult> RunAsync(LifelineClient client, BenchDatabase db, Guid serviceId, int perSecond, TimeSpan duration, DispatchPoint point)
    {
        var opened = await Load.OpenLoopAsync(perSecond, duration, 512,
            n => client.OpenIncidentAsync(serviceId, 1, $"Alert {perSecond}/s #{n}: e-mail down for everyone"));
        var accepted = opened.Where(o => o.Status == HttpStatusCode.Created && o.Id is not null).ToList();
        // The engine runs after the commit: give it time to page the last ones, bounded.
        Dictionary<Guid, DateTimeOffset> first = [];
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(500);
            first = await DispatchMeasure.FirstDispatchByIncidentAsync(db, point);
        }
        while (accepted.Any(o => !first.ContainsKey(o.Id!.Value)) && DateTimeOffset.UtcNow < deadline);

        var latencies = accepted.Where(o => first.ContainsKey(o.Id!.Value))
            .Select(o => (first[o.Id!.Value] - o.SentAt).TotalMilliseconds).ToList();
        return new AlertResult(opened.Count, opened.Count - accepted.Count, accepted.Count - latencies.Count, Stats.Of(latencies));
    }
}
