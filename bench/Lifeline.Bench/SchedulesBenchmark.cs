using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Lifeline.Bench;

public sealed record SchedulesResult(int Created, double CreateSeconds, int CreateErrors, Stats OnCall, Stats Shifts8Weeks, int ReadErrors)
{
    public override string ToString() =>
        $"{Created} schedules in {CreateSeconds:0.0} s ({CreateErrors} errors); on-call {OnCall}; 8 weeks of shifts {Shifts8Weeks}; {ReadErrors} read errors";
}

/// <summary>
/// Many schedules: creates them through the API (weekly rotations of four people in several zones, every fourth with a
/// 12-hour day/night layer over it and every eighth with business-hours restrictions, started 8 weeks ago), then asks
/// who is on call in schedules picked at random and for 8 weeks of final shifts, at a fixed concurrency.
/// </summary>
public static class SchedulesBenchmark
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"];
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    public static async Task<SchedulesResult> RunAsync(LifelineClient client, int count, int reads, int concurrency)
    {
        var people = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            people.Add((await client.PostAsync("/api/v1/people", new { name = $"Rota person {i}" })).GetProperty("id").GetGuid());
        }
        var start = DateTime.UtcNow.AddDays(-56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = new List<Guid>();
        var errors = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var rota = Enumerable.Range(0, 4).Select(k => people[(i + k) % people.Count]).ToArray();
                var layers = new List<object> { new { name = "Weekly", participants = rota, shiftCount = 1, shiftUnit = "Weeks", startDate = start, handOffTime = "08:00:00" } };
                if (i % 4 == 0)
                {
                    layers.Add(new { name = "Day and night", participants = rota[..2], shiftCount = 12, shiftUnit = "Hours", startDate = start, handOffTime = "08:00:00" });
                }
                if (i % 8 == 0)
                {
                    layers.Add(new
                    {
                        name = "Business hours", participants = rota[2..], shiftCount = 1, shiftUnit = "Days", startDate = start, handOffTime = "09:00:00",
                        restrictions = new[] { new { days = Weekdays, from = "09:00:00", to = "17:00:00" } },
                    });
                }
                try
                {
                    var made = await client.PostAsync("/api/v1/schedules", new { name = $"Bench schedule {i:0000}", timeZone = Zones[i % Zones.Length], layers, acceptShiftedHandOffs = true });
                    lock (ids)
                    {
                        ids.Add(made.GetProperty("id").GetGuid());
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var createSeconds = watch.Elapsed.TotalSeconds;

        var now = DateTimeOffset.UtcNow;
        var (onCall, onCallErrors) = await ReadAsync(client, ids, reads, concurrency, id => $"/api/v1/schedules/{id}/on-call");
        var to = Uri.EscapeDataString(now.AddDays(56).ToString("O", CultureInfo.InvariantCulture));
        var from = Uri.EscapeDataString(now.ToString("O", CultureInfo.InvariantCulture));
        var (shifts, shiftErrors) = await ReadAsync(client, ids, reads / 4, concurrency, id => $"/api/v1/schedules/{id}/shifts?from={from}&to={to}");
        return new SchedulesResult(ids.Count, createSeconds, errors, onCall, shifts, onCallErrors + shiftErrors);
    }

    private static async Task<(Stats, int)> ReadAsync(LifelineClient client, List<Guid> ids, int reads, int concurrency, Func<Guid, string> path)
    {
        var latencies = new List<double>();
        var errors = 0;
        var next = -1;
        var random = new Random(14);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < reads; i = Interlocked.Increment(ref next))
            {
                Guid id;
                lock (random)
                {
                    id = ids[random.Next(ids.Count)];
                }
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await client.Http.GetAsync(path(id));
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }));
        return (Stats.Of(latencies), errors);
    }
}
