using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lifeline.Bench;

/// <summary>One storm service: an escalation fixture (pages one person by SMS) and an integration key of its own.</summary>
public sealed record StormService(Guid ServiceId, string Key);

/// <summary>One event sent to /v2/enqueue, timed on the client.</summary>
public sealed record StormEvent(int Service, HttpStatusCode? Status, DateTimeOffset SentAt, double LatencyMs);

public sealed record StormResult(int Sent, int Accepted, double Seconds, Stats Ack, Stats FirstPage, long StoredEvents, int Incidents, int ExpectedIncidents,
    int IncidentsWithoutPage)
{
    /// <summary>Accepted (202) events that are not counted on an alert in the database.</summary>
    public long LostEvents => Math.Max(0, Accepted - StoredEvents);
    public double PerSecond => Accepted / Seconds;

    public override string ToString() =>
        $"{Accepted}/{Sent} accepted in {Seconds:0.0} s ({PerSecond:0.0}/s); ack {Ack}; first page {FirstPage}; {LostEvents} lost; " +
        $"{Incidents} incidents for {ExpectedIncidents} groups, {IncidentsWithoutPage} without a page";
}

/// <summary>
/// An alert storm: events from many senders at once to the PagerDuty-compatible <c>/v2/enqueue</c>, a fixed set of dedup keys
/// spread over several services. Every service's alerts group into one incident (the default grouping window, 30 min,
/// outlasts the storm), so the incidents expected are the services. Figures: the answer time of every accepted event, from a
/// service's first event to its incident's first page handed to the Twilio stand-in, and whether every 202 is in the
/// database (the sum of the alerts' counts).
/// </summary>
public static class StormBenchmark
{
    public static async Task<List<StormService>> CreateServicesAsync(LifelineClient client, string prefix, int count, TimeSpan tierWait)
    {
        var services = new List<StormService>();
        for (var i = 0; i < count; i++)
        {
            var fixture = await client.CreateFixtureAsync($"{prefix} {i + 1}", tierWait, 2, 0);
            using var response = await client.Http.PostAsJsonAsync($"/api/v1/services/{fixture.ServiceId}/integration-keys", new { name = "Storm" });
            response.EnsureSuccessStatusCode();
            var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
            services.Add(new StormService(fixture.ServiceId, issued.GetProperty("key").GetString()!));
        }
        return services;
    }

    /// <summary>
    /// <paramref name="events"/> events in <paramref name="duration"/> (open loop: they come whatever the answers do), at most
    /// <paramref name="senders"/> in flight; event n uses dedup key n mod <paramref name="dedupKeys"/>, of service key mod services.
    /// </summary>
    public static async Task<List<StormEvent>> SendAsync(string url, IReadOnlyList<StormService> services, int events, TimeSpan duration, int senders, int dedupKeys,
        string tag)
    {
        using var http = Sender(url, senders);
        return await Load.OpenLoopAsync(events / duration.TotalSeconds, duration, senders, n => EnqueueAsync(http, services, n, dedupKeys, tag));
    }

    /// <summary>As fast as the server takes them: <paramref name="senders"/> each sending the next event once the last is answered.</summary>
    public static async Task<(List<StormEvent> Events, TimeSpan Elapsed)> SaturateAsync(string url, IReadOnlyList<StormService> services, TimeSpan duration, int senders,
        int dedupKeys, string tag)
    {
        using var http = Sender(url, senders);
        return await Load.ClosedLoopAsync(senders, duration, n => EnqueueAsync(http, services, n, dedupKeys, tag));
    }

    public static async Task<StormResult> MeasureAsync(BenchDatabase db, IReadOnlyList<StormService> services, List<StormEvent> sent, double seconds)
    {
        var accepted = sent.Where(e => e.Status == HttpStatusCode.Accepted).ToList();
        var serviceIds = services.Select(s => s.ServiceId).ToHashSet();
        var firstEvent = accepted.GroupBy(e => services[e.Service].ServiceId).ToDictionary(g => g.Key, g => g.Min(e => e.SentAt));
        var stored = (await db.QueryAsync("SELECT \"ServiceId\", \"Count\" FROM \"Alerts\""))
            .Where(r => serviceIds.Contains(BenchDatabase.Id(r[0]))).Sum(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        var incidents = (await db.QueryAsync("SELECT \"Id\", \"ServiceId\" FROM \"Incidents\""))
            .Select(r => (Id: BenchDatabase.Id(r[0]), Service: BenchDatabase.Id(r[1]))).Where(i => serviceIds.Contains(i.Service)).ToList();

        // The engine pages after the commit and the dispatcher hands over after that: wait for every incident's first page, bounded.
        Dictionary<Guid, DateTimeOffset> pages = [];
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            pages = await DispatchMeasure.FirstDispatchByIncidentAsync(db, DispatchPoint.HandedToChannel);
            if (incidents.All(i => pages.ContainsKey(i.Id)))
            {
                break;
            }
            await Task.Delay(500);
        }
        while (DateTimeOffset.UtcNow < deadline);

        var firstPage = incidents.Where(i => pages.ContainsKey(i.Id) && firstEvent.ContainsKey(i.Service))
            .Select(i => Math.Max(0, (pages[i.Id] - firstEvent[i.Service]).TotalMilliseconds)).ToList();
        return new StormResult(sent.Count, accepted.Count, seconds, Stats.Of(accepted.Select(e => e.LatencyMs)), Stats.Of(firstPage), stored, incidents.Count,
            firstEvent.Count, incidents.Count(i => !pages.ContainsKey(i.Id)));
    }

    private static HttpClient Sender(string url, int senders) =>
        // No bearer token: a monitoring tool sends only its routing key, as PagerDuty clients do.
        new(new SocketsHttpHandler { MaxConnectionsPerServer = senders }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<StormEvent> EnqueueAsync(HttpClient http, IReadOnlyList<StormService> services, int n, int dedupKeys, string tag)
    {
        var key = n % dedupKeys;
        var service = key % services.Count;
        var sentAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsJsonAsync("/v2/enqueue", new
            {
                routing_key = services[service].Key,
                event_action = "trigger",
                dedup_key = $"{tag}-{key}",
                payload = new { summary = $"Storm {tag}: check {key} failing on host-{key}.example.net", source = $"host-{key}.example.net", severity = "critical" },
            });
            return new StormEvent(service, response.StatusCode, sentAt, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new StormEvent(service, null, sentAt, watch.Elapsed.TotalMilliseconds);
        }
    }
}
