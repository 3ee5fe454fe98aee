using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.StandIns;

namespace Lifeline.Bench;

public sealed record SlowProviderResult(int Queued, int Handed, double PerSecond, double DrainSeconds, int MaxInFlight, string Settings)
{
    public override string ToString() =>
        $"{Handed}/{Queued} handed over in {DrainSeconds:0.0} s: {PerSecond:0.0}/s, at most {MaxInFlight} calls in flight ({Settings})";
}

/// <summary>
/// Dispatch to a provider that takes <see cref="TwilioStandIn.Delay"/> per call. A backlog is built
/// first with the dispatcher off (one SMS test message per person, each to its own cell phone, so
/// nothing is bundled), then a server with the dispatcher on drains it; the rate is measured at the
/// stand-in, from the first request received to the last one answered. Building the backlog first
/// keeps the API's own rate out of the figure.
/// </summary>
public static class SlowProviderBenchmark
{
    private static string Number(int n) => $"+1860555{2000 + n:D4}";

    public static async Task<List<(Guid Person, Guid Method)>> CreatePeopleAsync(LifelineClient client, int count, int concurrency)
    {
        var people = new List<(Guid, Guid)>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= count)
            {
                using var response = await client.Http.PostAsJsonAsync("/api/v1/people", new
                {
                    name = $"Slow provider {n}",
                    contactMethods = new[] { new { kind = "CellPhone", value = Number(n), canSms = true, canVoice = true } },
                });
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /api/v1/people answered {(int)response.StatusCode}: {json}");
                }
                lock (people)
                {
                    people.Add((json.GetProperty("id").GetGuid(), json.GetProperty("contactMethods")[0].GetProperty("id").GetGuid()));
                }
            }
        }));
        return people;
    }

    public static async Task<SlowProviderResult> RunAsync(DriverOptions options, string kind, IReadOnlyList<string> serverArgs, TwilioStandIn twilio,
        IReadOnlyList<(Guid Person, Guid Method)> people, IReadOnlyList<string> dispatchArgs, string settings)
    {
        // The backlog, with the dispatcher off.
        await using (var queuing = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), [.. serverArgs, "--Lifeline:Dispatch:RunInBackground=false"], options.Log($"bench-{kind}-server")))
        {
            await queuing.WaitReadyAsync(TimeSpan.FromSeconds(90));
            using var client = new LifelineClient(queuing.Url);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < people.Count)
                {
                    using var response = await client.Http.PostAsync($"/api/v1/people/{people[i].Person}/contact-methods/{people[i].Method}/test", null);
                    if ((int)response.StatusCode != 202)
                    {
                        throw new InvalidOperationException($"queuing a test message answered {(int)response.StatusCode}");
                    }
                }
            }));
        }

        // Drain it.
        twilio.Delay = TimeSpan.FromMilliseconds(200);
        twilio.ResetMaxInFlight();
        while (twilio.Accepted.TryDequeue(out _))
        {
        }
        var numbers = people.Count;
        var numberSet = Enumerable.Range(1, people.Count).Select(Number).ToHashSet();
        await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), [.. serverArgs, .. dispatchArgs], options.Log($"bench-{kind}-server"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
        while (twilio.Accepted.Count(r => numberSet.Contains(r.To)) < numbers && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        // Only this backlog: pages left over from earlier phases go to other numbers.
        var seen = twilio.Accepted.Where(r => numberSet.Contains(r.To)).ToList();
        twilio.Delay = TimeSpan.Zero;
        if (seen.Count < 2)
        {
            return new SlowProviderResult(numbers, seen.Count, double.NaN, double.NaN, twilio.MaxInFlight, settings);
        }
        var first = seen.Min(r => r.ReceivedAt);
        var last = seen.Max(r => r.ReceivedAt) + TimeSpan.FromMilliseconds(200);
        var seconds = (last - first).TotalSeconds;
        return new SlowProviderResult(numbers, seen.Count, seen.Count / seconds, seconds, twilio.MaxInFlight, settings);
    }
}
