using System.Diagnostics;
using System.Net;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// d. PostgreSQL stops under a running server: the API answers 503 with Retry-After within a second
/// instead of hanging, /readyz says unhealthy, and when the database is back the server recovers by
/// itself (requests succeed, the engine pages again) without a restart.
/// </summary>
public static class DatabaseDownScenario
{
    public static async Task<ScenarioResult> RunAsync(DriverOptions options)
    {
        if (options.PostgresDirectory is null || options.PostgresPort is null)
        {
            return new("db-down", Verdict.Failed, "needs --postgres-dir and --postgres-port to stop and start the cluster");
        }
        var db = await BenchDatabase.CreateAsync("postgres", options.PostgresAdmin, options.WorkDirectory, "db-down");
        string[] args = [.. db.ServerArgs(), .. LifelineClient.ServerArgs()];
        await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log("db-down"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var client = new LifelineClient(server.Url, TimeSpan.FromSeconds(15));
        var fixture = await client.CreateFixtureAsync("db-down", TimeSpan.FromMinutes(1), 1, 0);
        var problems = new List<string>();

        await Postgres("pause", options);
        var worst = 0.0;
        try
        {
            for (var i = 0; i < 6; i++)
            {
                foreach (var (method, path) in new[] { ("GET", "/api/v1/incidents"), ("POST", "/api/v1/incidents"), ("GET", "/api/v1/services") })
                {
                    var watch = Stopwatch.StartNew();
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method == "POST")
                    {
                        request.Content = System.Net.Http.Json.JsonContent.Create(new { title = "DB down", serviceId = fixture.ServiceId, severity = 1 });
                    }
                    try
                    {
                        using var response = await client.Http.SendAsync(request);
                        var seconds = watch.Elapsed.TotalSeconds;
                        worst = Math.Max(worst, seconds);
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
                        {
                            problems.Add($"{method} {path} answered {(int)response.StatusCode} (Retry-After: {response.Headers.RetryAfter?.ToString() ?? "none"})");
                        }
                        if (seconds > 1)
                        {
                            problems.Add($"{method} {path} took {seconds:0.00} s");
                        }
                    }
                    catch (TaskCanceledException)
                    {
                        problems.Add($"{method} {path} hung for {watch.Elapsed.TotalSeconds:0.0} s");
                    }
                }
                await Task.Delay(300);
            }
            using var ready = await client.Http.GetAsync("/readyz");
            if (ready.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                problems.Add($"/readyz answered {(int)ready.StatusCode} with the database down");
            }
        }
        finally
        {
            await Postgres("resume", options);
        }

        // Back by itself: ready, accepting, and paging again.
        var recovery = Stopwatch.StartNew();
        OpenResult? opened = null;
        while (recovery.Elapsed < TimeSpan.FromSeconds(30))
        {
            opened = await client.OpenIncidentAsync(fixture.ServiceId, 1, "DB back: paging works again");
            if (opened.Status == HttpStatusCode.Created)
            {
                break;
            }
            await Task.Delay(250);
        }
        var recoveredIn = recovery.Elapsed.TotalSeconds;
        if (opened?.Status != HttpStatusCode.Created)
        {
            problems.Add("no incident could be opened within 30 s of the database coming back");
        }
        else
        {
            var paged = false;
            for (var i = 0; i < 40 && !paged; i++)
            {
                await Task.Delay(250);
                paged = (await DispatchMeasure.FirstDispatchByIncidentAsync(db, DispatchPoint.OutboxRowWritten)).ContainsKey(opened.Id!.Value);
            }
            if (!paged)
            {
                problems.Add("the engine did not page for an incident opened after the database came back");
            }
        }
        var detail = $"slowest answer while down {worst:0.00} s; recovered {recoveredIn:0.0} s after the database came back";
        return new("db-down", problems.Count == 0 ? Verdict.Passed : Verdict.Failed,
            problems.Count == 0 ? detail : detail + "; " + string.Join("; ", problems.Distinct().Take(6)));
    }

    private static async Task Postgres(string action, DriverOptions options)
    {
        var script = Path.Combine(System.IO.Directory.GetCurrentDirectory(), "scripts", "postgres.sh");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(options.PostgresDirectory!);
        if (action == "resume")
        {
            info.ArgumentList.Add(options.PostgresPort!);
        }
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {action} failed ({process.ExitCode})");
        }
    }
}
