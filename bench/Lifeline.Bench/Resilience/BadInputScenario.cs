using System.Text.Json.Nodes;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// e. Bad input: thousands of malformed requests, generated from the server's own OpenAPI document,
/// against every endpoint it lists: no 5xx, no row stored, and the server still healthy afterwards.
/// </summary>
public static class BadInputScenario
{
    private const int Target = 5000;
    // Reads of contact details in clear are recorded by design, even for a list that a bad filter narrows to nothing;
    // so are failed sign-ins and sign-outs (a bodyless POST /auth/logout with the session's cookie is no bad input),
    // which the audit log's own count below leaves out.
    // An MFA enrolment started with POST /api/v1/me/mfa/enrolment is no bad input either: the request has no body to
    // get wrong, and it stores the (unconfirmed) authenticator secret it hands out.
    private static readonly string[] LogTables = ["ContactAccessLog", "AuditLog", "AccountMfa"];
    private const string AuditedChanges = "SELECT COUNT(*) FROM \"AuditLog\" WHERE \"Action\" NOT IN ('SignInFailed', 'SignedOut')";

    public static async Task<ScenarioResult> RunAsync(DriverOptions options)
    {
        var db = await BenchDatabase.CreateAsync("sqlite", null, options.WorkDirectory, "bad-input");
        // The demo organisation, so that the directory is not empty while the malformed requests look for things in it.
        string[] args = [.. db.ServerArgs(), .. LifelineClient.ServerArgs(), "--Lifeline:SeedDemoData=true"];
        await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log("bad-input"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var client = new LifelineClient(server.Url, TimeSpan.FromSeconds(15));
        // Without default credentials: each malformed request brings its own (or none).
        using var raw = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(15) };
        var document = JsonNode.Parse(await client.Http.GetStringAsync("/openapi/v1.json"))!;
        var endpoints = MalformedRequests.Endpoints(document).ToList();
        var before = await db.CountRowsAsync();
        var auditedBefore = await db.ScalarAsync(AuditedChanges);

        var generator = new MalformedRequests(document, new Random(20260601));
        var sent = 0;
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var covered = new HashSet<string>();
        // Round-robin over the endpoints until enough requests were sent; bounded by count and by time.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(options.Short ? 3 : 10);
        using var gate = new SemaphoreSlim(8);
        var tasks = new List<Task>();
        for (var round = 0; sent < Target && DateTimeOffset.UtcNow < deadline; round++)
        {
            foreach (var endpoint in endpoints)
            {
                var request = generator.Next(endpoint, round);
                var label = $"{endpoint.Method} {endpoint.Path} [{request.Kind}]";
                sent++;
                await gate.WaitAsync();
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var message = request.ToMessage();
                        using var response = await raw.SendAsync(message);
                        var code = (int)response.StatusCode;
                        lock (statuses)
                        {
                            statuses[code] = statuses.GetValueOrDefault(code) + 1;
                            covered.Add($"{endpoint.Method} {endpoint.Path}");
                            if (code >= 500)
                            {
                                failures.Add($"{code} {label}");
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        lock (statuses)
                        {
                            failures.Add($"no answer ({e.GetType().Name}) {label}");
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
        }
        await Task.WhenAll(tasks);

        var after = await db.CountRowsAsync();
        var stored = after.Where(t => !LogTables.Contains(t.Key) && t.Value != before.GetValueOrDefault(t.Key))
            .Select(t => $"{t.Key} {before.GetValueOrDefault(t.Key)}→{t.Value}").ToList();
        var auditedAfter = await db.ScalarAsync(AuditedChanges);
        if (auditedAfter != auditedBefore)
        {
            stored.Add($"AuditLog (changes) {auditedBefore}→{auditedAfter}");
        }
        using var healthy = await client.Http.GetAsync("/readyz");
        using var me = await client.Http.GetAsync("/api/v1/me");
        var problems = new List<string>();
        if (failures.Count > 0)
        {
            problems.Add($"{failures.Count} 5xx or unanswered, e.g. " + string.Join("; ", failures.Distinct().Take(8)));
        }
        if (stored.Count > 0)
        {
            problems.Add("rows stored: " + string.Join(", ", stored));
        }
        if (!healthy.IsSuccessStatusCode || !me.IsSuccessStatusCode)
        {
            problems.Add($"not healthy afterwards: /readyz {(int)healthy.StatusCode}, /api/v1/me {(int)me.StatusCode}");
        }
        var summary = $"{sent} requests to {covered.Count}/{endpoints.Count} endpoints; answers " +
            string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        await File.WriteAllLinesAsync(Path.Combine(options.WorkDirectory, "bad-input-failures.txt"), failures);
        return new("bad-input", problems.Count == 0 ? Verdict.Passed : Verdict.Failed, problems.Count == 0 ? summary : summary + "; " + string.Join("; ", problems));
    }
}
