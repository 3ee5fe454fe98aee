using System.Diagnostics;
using System.Net;

namespace Lifeline.Bench;

public sealed record IngestResult(int Accepted, int Errors, double Seconds, Stats Latency)
{
    public double PerSecond => Accepted / Seconds;
    public override string ToString() => $"{PerSecond:0.0}/s accepted ({Accepted} in {Seconds:0.0} s, {Errors} errors), {Latency}";
}

/// <summary>Sustained ingest: Severity 3 incidents (nobody paged) as fast as they are accepted, and the same load on the baseline.</summary>
public static class IngestBenchmark
{
    public static async Task<IngestResult> RunLifelineAsync(LifelineClient client, Guid serviceId, int concurrency, TimeSpan duration)
    {
        var (results, elapsed) = await Load.ClosedLoopAsync(concurrency, duration,
            n => client.OpenIncidentAsync(serviceId, 3, $"Ingest {n}: printer queue stuck on floor 3"));
        var ok = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        return new IngestResult(ok.Count, results.Count - ok.Count, elapsed.TotalSeconds, Stats.Of(ok.Select(r => r.LatencyMs)));
    }

    public static async Task<IngestResult> RunBaselineAsync(string url, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var (results, elapsed) = await Load.ClosedLoopAsync(concurrency, duration, async n =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.PostAsync("/rows", new StringContent($"Ingest {n}: printer queue stuck on floor 3"));
                return (Ok: response.StatusCode == HttpStatusCode.Created, Ms: watch.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                return (Ok: false, Ms: watch.Elapsed.TotalMilliseconds);
            }
        });
        var ok = results.Where(r => r.Ok).ToList();
        return new IngestResult(ok.Count, results.Count - ok.Count, elapsed.TotalSeconds, Stats.Of(ok.Select(r => r.Ms)));
    }
}
