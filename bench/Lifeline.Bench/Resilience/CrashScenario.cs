using System.Net;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// a. Crash: Severity 1 incidents with 2-second tiers keep arriving while the server is killed with
/// SIGKILL at random moments and restarted; afterwards every due step was carried out and paged once.
/// </summary>
public static class CrashScenario
{
    public static async Task<ScenarioResult> RunAsync(DriverOptions options, string kind)
    {
        var name = $"crash {kind}";
        var kills = options.Short ? 20 : 200;
        var random = new Random(kind.Length * 7919 + Environment.TickCount);
        var db = await BenchDatabase.CreateAsync(kind, options.PostgresAdmin, options.WorkDirectory, $"crash-{kind}");
        string[] args = [.. db.ServerArgs(), .. LifelineClient.ServerArgs()];
        var log = options.Log($"crash-{kind}");
        EscalationFixture? fixture = null;
        var accepted = new List<Guid>();
        var killedWhileOpening = 0;

        for (var i = 0; i < kills; i++)
        {
            await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, log);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var client = new LifelineClient(server.Url, TimeSpan.FromSeconds(10));
            fixture ??= await client.CreateFixtureAsync("crash", TimeSpan.FromSeconds(2), 3, 1);
            using var stop = new CancellationTokenSource();
            var opener = Task.Run(async () =>
            {
                var inFlight = 0;
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref inFlight);
                    var result = await client.OpenIncidentAsync(fixture.ServiceId, 1, $"Crash run {i}: payroll down");
                    Interlocked.Decrement(ref inFlight);
                    if (result.Status == HttpStatusCode.Created)
                    {
                        lock (accepted)
                        {
                            accepted.Add(result.Id!.Value);
                        }
                    }
                    else if (result.Status is null)
                    {
                        Interlocked.Increment(ref killedWhileOpening);
                    }
                    await Task.Delay(random.Next(20, 120));
                }
            });
            // A random moment: during start-up work, in the middle of an open, or while the engine pages.
            await Task.Delay(random.Next(100, 2500));
            server.KillHard();
            await stop.CancelAsync();
            await opener;
        }

        // The last start: let every escalation run to its end (3 tiers × 2 repeats × 2 s), then audit.
        await using (var final = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, log))
        {
            await final.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(fixture!.Wait * fixture.Tiers * (fixture.RepeatCount + 1) + TimeSpan.FromSeconds(5));
            var audit = await EscalationAudit.CheckAsync(db, fixture, accepted, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(3));
            var detail = $"{kills} kills ({killedWhileOpening} mid-request); {audit}";
            return new ScenarioResult(name, audit.Ok ? Verdict.Passed : Verdict.Failed, detail);
        }
    }
}
