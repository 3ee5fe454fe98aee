using System.Net;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// b. Two instances on one PostgreSQL database, both running the engine: one is killed while
/// escalations run; the other carries every step on within 5 seconds, and no page is written twice.
/// </summary>
public static class TwoInstancesScenario
{
    public static async Task<ScenarioResult> RunAsync(DriverOptions options)
    {
        var db = await BenchDatabase.CreateAsync("postgres", options.PostgresAdmin, options.WorkDirectory, "two-instances");
        string[] args = [.. db.ServerArgs(), .. LifelineClient.ServerArgs()];
        // The first start migrates; the second then joins the same database.
        await using var a = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log("two-instances-a"));
        await a.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await using var b = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log("two-instances-b"));
        await b.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var clientA = new LifelineClient(a.Url, TimeSpan.FromSeconds(10));
        using var clientB = new LifelineClient(b.Url, TimeSpan.FromSeconds(10));
        var fixture = await clientA.CreateFixtureAsync("two-instances", TimeSpan.FromSeconds(2), 3, 1);
        var accepted = new List<Guid>();

        async Task OpenAsync(LifelineClient client, int count, string title)
        {
            for (var i = 0; i < count; i++)
            {
                var result = await client.OpenIncidentAsync(fixture.ServiceId, 1, title);
                if (result.Status == HttpStatusCode.Created)
                {
                    accepted.Add(result.Id!.Value);
                }
                await Task.Delay(50);
            }
        }

        // Both instances take incidents and page for 4 s; then A dies in the middle of it.
        await Task.WhenAll(OpenAsync(clientA, 40, "Two instances: VPN down (via A)"), OpenAsync(clientB, 40, "Two instances: VPN down (via B)"));
        var killedAt = DateTimeOffset.UtcNow;
        a.KillHard();
        await OpenAsync(clientB, 40, "Two instances: VPN down (after A died)");
        await Task.Delay(fixture.Wait * fixture.Tiers * (fixture.RepeatCount + 1) + TimeSpan.FromSeconds(5));

        var end = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(3);
        var audit = await EscalationAudit.CheckAsync(db, fixture, accepted, end);
        var worst = await EscalationAudit.WorstDelayAfterAsync(db, killedAt, end);
        var ok = audit.Ok && worst <= 5;
        return new ScenarioResult("two-instances", ok ? Verdict.Passed : Verdict.Failed,
            $"after the kill B carried each step out at most {worst:0.00} s past due (limit 5 s); {audit}");
    }
}
