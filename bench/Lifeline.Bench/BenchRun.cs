using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Bench.Providers;
using Lifeline.StandIns;

namespace Lifeline.Bench;

/// <summary>
/// The benchmark for one database after another: footprint, ingest against the baseline, alert to
/// dispatch at three rates, escalation lateness, an alert storm, 1,000 schedules (and paging through one), dispatch
/// to a slow provider; prints a table and writes the JSON results. <c>--only ingest,alerts,lateness,storm,schedules,dispatch</c>
/// runs some of them.
/// </summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var results = new JsonObject();
        foreach (var kind in options.Databases)
        {
            Console.WriteLine($"==> {kind}: {(options.Short ? "quick" : "full")} run");
            results[kind] = await RunOneAsync(kind, options);
        }
        // A phase with no samples (an overloaded machine rejecting every request) has NaN figures: written as null, not a crash that loses the rest.
        foreach (var figures in results.Select(r => r.Value).OfType<JsonObject>())
        {
            foreach (var key in figures.Where(f => f.Value is JsonValue v && v.TryGetValue<double>(out var d) && !double.IsFinite(d)).Select(f => f.Key).ToList())
            {
                figures[key] = null;
            }
        }
        var json = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, json + "\n");
        ResultsTable.Print(results);
        Console.WriteLine($"results written to {options.Output}; server logs in {options.WorkDirectory}");
        return 0;
    }

    private static async Task<JsonObject> RunOneAsync(string kind, DriverOptions options)
    {
        var quick = options.Short;
        var result = new JsonObject
        {
            ["mode"] = quick ? "quick" : "full",
            ["taken_at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
        };
        var db = await BenchDatabase.CreateAsync(kind, options.PostgresAdmin, options.WorkDirectory, $"bench-{kind}");
        // The providers: the Twilio stand-in (answers at once until the slow-provider phase) and a real SMTP server.
        await using var twilio = await TwilioStandIn.StartAsync(TimeSpan.Zero);
        using var smtp = await SmtpStandIn.StartAsync(options.Python, options.WorkDirectory, $"bench-{kind}-smtp");
        string[] serverArgs =
        [
            .. db.ServerArgs(), .. LifelineClient.ServerArgs(), .. twilio.ServerArgs(), .. smtp.ServerArgs(),
            // The per-contact-method rate limit protects a person's phone, not the pipeline: the benchmark pages
            // one on-call person hundreds of times a second, so it is lifted (pages due together are still bundled).
            "--Lifeline:Dispatch:RateLimitCount=1000", "--Lifeline:Dispatch:RateLimitWindow=00:00:01",
        ];

        // First start: creates the schema and the admin. Then a start on the existing database, as after a deploy or a crash.
        var port = ServerProcess.FreePort();
        await using (var first = ServerProcess.Start(options.ServerDll, port, serverArgs, options.Log($"bench-{kind}-server")))
        {
            result["ready_first_start_s"] = Math.Round((await first.WaitReadyAsync(TimeSpan.FromSeconds(60))).TotalSeconds, 2);
        }
        await using var server = ServerProcess.Start(options.ServerDll, port, serverArgs, options.Log($"bench-{kind}-server"));
        result["ready_s"] = Math.Round((await server.WaitReadyAsync(TimeSpan.FromSeconds(60))).TotalSeconds, 2);
        using var client = new LifelineClient(server.Url);
        var ingestService = await client.CreateFixtureAsync("ingest", TimeSpan.FromMinutes(1), 1, 0);
        var alertService = await client.CreateFixtureAsync("alerts", TimeSpan.FromMinutes(1), 2, 0);
        var latenessWait = quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(1);
        var latenessService = await client.CreateFixtureAsync("lateness", latenessWait, 2, 0);
        await Task.Delay(TimeSpan.FromSeconds(quick ? 2 : 5));
        result["idle_rss_mb"] = Math.Round(server.RssMb(), 1);

        using var rss = new RssSampler(server);
        if (options.Wants("ingest"))
        {
            await IngestAsync(options, kind, db, client, ingestService.ServiceId, result);
        }
        if (options.Wants("alerts"))
        {
            await AlertsAsync(client, db, alertService.ServiceId, quick, result);
        }
        if (options.Wants("lateness"))
        {
            await LatenessAsync(client, db, latenessService, latenessWait, quick, result);
        }
        if (options.Wants("storm"))
        {
            await StormAsync(options, kind, db, client, server.Url, result);
        }
        if (options.Wants("schedules"))
        {
            await SchedulesAsync(client, db, latenessWait, quick, result);
        }
        result["load_rss_mb"] = Math.Round(rss.Max, 1);

        if (options.Wants("dispatch"))
        {
            await SlowProviderAsync(options, kind, serverArgs, twilio, client, server, quick, result);
        }
        return result;
    }

    /// <summary>Clients at once for ingest and for opening the lateness incidents.</summary>
    private const int Concurrency = 32;

    /// <summary>
    /// Until the hot code is optimised: on two cores, with the load taking both, the runtime's background
    /// compiler needs about ten seconds to move a fresh server's request path to optimised code.
    /// </summary>
    private static TimeSpan IngestWarmUp(bool quick) => TimeSpan.FromSeconds(quick ? 8 : 15);

    private static async Task IngestAsync(DriverOptions options, string kind, BenchDatabase db, LifelineClient client, Guid serviceId, JsonObject result)
    {
        var quick = options.Short;
        var ingestDuration = TimeSpan.FromSeconds(quick ? 3 : 20);
        // Sustained throughput: the first seconds of a fresh server compile its code paths (JIT, EF queries) and are not counted.
        await IngestBenchmark.RunLifelineAsync(client, serviceId, Concurrency, IngestWarmUp(quick));
        var ingest = await IngestBenchmark.RunLifelineAsync(client, serviceId, Concurrency, ingestDuration);
        Console.WriteLine($"    ingest: {ingest}");
        result["ingest_per_s"] = Math.Round(ingest.PerSecond, 1);
        result["ingest_p50_ms"] = Math.Round(ingest.Latency.P50, 1);
        result["ingest_p99_ms"] = Math.Round(ingest.Latency.P99, 1);
        result["ingest_errors"] = ingest.Errors;
        result["ingest_concurrency"] = Concurrency;

        if (options.BaselineDll is { } baselineDll)
        {
            await using var baseline = ServerProcess.Start(baselineDll, ServerProcess.FreePort(), db.BaselineArgs(), options.Log($"bench-{kind}-baseline"));
            await baseline.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await IngestBenchmark.RunBaselineAsync(baseline.Url, Concurrency, IngestWarmUp(quick));
            var measured = await IngestBenchmark.RunBaselineAsync(baseline.Url, Concurrency, ingestDuration);
            Console.WriteLine($"    baseline: {measured}");
            result["baseline_ingest_per_s"] = Math.Round(measured.PerSecond, 1);
            result["baseline_p50_ms"] = Math.Round(measured.Latency.P50, 1);
            result["baseline_p99_ms"] = Math.Round(measured.Latency.P99, 1);
            result["ingest_ratio_to_baseline"] = Math.Round(ingest.PerSecond / measured.PerSecond, 3);
        }
    }

    private static async Task AlertsAsync(LifelineClient client, BenchDatabase db, Guid serviceId, bool quick, JsonObject result)
    {
        var point = DispatchPoint.HandedToChannel;
        result["alert_dispatch_point"] = DispatchMeasure.Describe(point);
        // Warm-up, not counted: the first Severity 1 incidents of a fresh server compile the paging path
        // (100, 200 in the full run; ingest, before, compiled the open path).
        await AlertToDispatchBenchmark.RunAsync(client, db, serviceId, 20, TimeSpan.FromSeconds(quick ? 5 : 10), point);
        foreach (var rate in new[] { 10, 100, 200 })
        {
            var alerts = await AlertToDispatchBenchmark.RunAsync(client, db, serviceId, rate, TimeSpan.FromSeconds(quick ? 2 : 10), point);
            Console.WriteLine($"    alert to dispatch at {rate}/s: {alerts}");
            result[$"alert_to_dispatch_{rate}_per_s_p50_ms"] = Math.Round(alerts.Latency.P50, 1);
            result[$"alert_to_dispatch_{rate}_per_s_p99_ms"] = Math.Round(alerts.Latency.P99, 1);
            result[$"alert_to_dispatch_{rate}_per_s_max_ms"] = Math.Round(alerts.Latency.Max, 1);
            result[$"alert_to_dispatch_{rate}_per_s_missing"] = alerts.Missing;
            if (rate == 100)
            {
                result["alert_to_dispatch_p50_ms"] = Math.Round(alerts.Latency.P50, 1);
                result["alert_to_dispatch_p99_ms"] = Math.Round(alerts.Latency.P99, 1);
            }
        }
    }

    private static async Task LatenessAsync(LifelineClient client, BenchDatabase db, EscalationFixture latenessService, TimeSpan latenessWait, bool quick,
        JsonObject result)
    {
        var lateness = await LatenessBenchmark.RunAsync(client, db, latenessService, quick ? 500 : 10_000, Concurrency);
        Console.WriteLine($"    escalation lateness: {lateness}");
        result["escalation_lateness_p50_ms"] = Math.Round(lateness.Latency.P50, 1);
        result["escalation_lateness_p99_ms"] = Math.Round(lateness.Latency.P99, 1);
        result["escalation_lateness_max_ms"] = Math.Round(lateness.Latency.Max, 1);
        result["escalation_lateness_incidents"] = lateness.Incidents;
        result["escalation_lateness_steps_not_done"] = lateness.NotDone;
        result["escalation_open_seconds"] = Math.Round(lateness.OpenSeconds, 1);
        result["escalation_tier_wait_s"] = latenessWait.TotalSeconds;
    }

    /// <summary>Storm senders at once, services, distinct dedup keys, and events in <see cref="StormDuration"/>: the issue's storm.</summary>
    private const int StormSenders = 50, StormServices = 20, StormDedupKeys = 200, StormEventsPerMinute = 10_000;

    /// <summary>The full run sends the issue's 10,000 events in 60 s; the quick one keeps the rate for 12 s.</summary>
    private static TimeSpan StormDuration(bool quick) => TimeSpan.FromSeconds(quick ? 12 : 60);

    /// <summary>
    /// The storm: <see cref="StormEventsPerMinute"/> a minute from <see cref="StormSenders"/> senders, open loop, to /v2/enqueue, while
    /// escalations opened alongside come due (their lateness); then the same senders as fast as the server answers, against the
    /// one-row-insert baseline of the same run.
    /// </summary>
    private static async Task StormAsync(DriverOptions options, string kind, BenchDatabase db, LifelineClient client, string url, JsonObject result)
    {
        var quick = options.Short;
        var duration = StormDuration(quick);
        var events = (int)(StormEventsPerMinute * duration.TotalMinutes);
        // Tier 2 of the storm's own incidents is not due during the run: the first page is what is measured.
        var warmUp = await StormBenchmark.CreateServicesAsync(client, "storm warm-up", StormServices, TimeSpan.FromMinutes(30));
        var storm = await StormBenchmark.CreateServicesAsync(client, "storm", StormServices, TimeSpan.FromMinutes(30));
        var saturated = await StormBenchmark.CreateServicesAsync(client, "storm max", StormServices, TimeSpan.FromMinutes(30));
        var latenessWait = TimeSpan.FromSeconds(quick ? 5 : 20);
        var escalating = await client.CreateFixtureAsync("storm lateness", latenessWait, 2, 0);

        // A fresh server compiles the enqueue path (JIT, EF queries) in its first seconds: not counted.
        await StormBenchmark.SaturateAsync(url, warmUp, IngestWarmUp(quick), StormSenders, StormDedupKeys, "warm");
        var watch = Stopwatch.StartNew();
        var sending = StormBenchmark.SendAsync(url, storm, events, duration, StormSenders, StormDedupKeys, "storm");
        // Escalations opened as the storm starts: their second tiers come due while it goes on.
        var lateness = await LatenessBenchmark.RunAsync(client, db, escalating, quick ? 100 : 1000, 8);
        var sent = await sending;
        var seconds = watch.Elapsed.TotalSeconds;
        var measured = await StormBenchmark.MeasureAsync(db, storm, sent, Math.Min(seconds, duration.TotalSeconds + 5));
        Console.WriteLine($"    storm: {measured}");
        Console.WriteLine($"    escalation lateness during the storm: {lateness}");

        var (maxEvents, elapsed) = await StormBenchmark.SaturateAsync(url, saturated, TimeSpan.FromSeconds(quick ? 5 : 15), StormSenders, StormDedupKeys, "max");
        var maxMeasured = await StormBenchmark.MeasureAsync(db, saturated, maxEvents, elapsed.TotalSeconds);
        Console.WriteLine($"    storm, as fast as accepted: {maxMeasured}");
        var baseline = result["baseline_ingest_per_s"]?.GetValue<double>();
        if (baseline is null && options.BaselineDll is { } baselineDll)
        {
            await using var process = ServerProcess.Start(baselineDll, ServerProcess.FreePort(), db.BaselineArgs(), options.Log($"bench-{kind}-storm-baseline"));
            await process.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await IngestBenchmark.RunBaselineAsync(process.Url, Concurrency, IngestWarmUp(quick));
            baseline = (await IngestBenchmark.RunBaselineAsync(process.Url, StormSenders, TimeSpan.FromSeconds(quick ? 5 : 15))).PerSecond;
            result["storm_baseline_per_s"] = Math.Round(baseline.Value, 1);
        }

        result["storm_events"] = measured.Sent;
        result["storm_accepted"] = measured.Accepted;
        result["storm_seconds"] = Math.Round(measured.Seconds, 1);
        result["storm_ack_p50_ms"] = Math.Round(measured.Ack.P50, 1);
        result["storm_ack_p99_ms"] = Math.Round(measured.Ack.P99, 1);
        result["storm_ack_max_ms"] = Math.Round(measured.Ack.Max, 1);
        result["storm_first_page_p50_ms"] = Math.Round(measured.FirstPage.P50, 1);
        result["storm_first_page_p99_ms"] = Math.Round(measured.FirstPage.P99, 1);
        result["storm_lost_events"] = measured.LostEvents + maxMeasured.LostEvents;
        result["storm_incidents"] = measured.Incidents;
        result["storm_groups_expected"] = measured.ExpectedIncidents;
        result["storm_incidents_without_page"] = measured.IncidentsWithoutPage;
        result["storm_saturated_per_s"] = Math.Round(maxMeasured.PerSecond, 1);
        result["storm_saturated_ack_p99_ms"] = Math.Round(maxMeasured.Ack.P99, 1);
        result["storm_saturated_incidents"] = maxMeasured.Incidents;
        result["storm_ratio_to_baseline"] = baseline is { } rows && rows > 0 ? Math.Round(maxMeasured.PerSecond / rows, 3) : null;
        result["storm_lateness_p99_ms"] = Math.Round(lateness.Latency.P99, 1);
        result["storm_lateness_max_ms"] = Math.Round(lateness.Latency.Max, 1);
        result["storm_lateness_incidents"] = lateness.Incidents;
        result["storm_lateness_steps_not_done"] = lateness.NotDone;
        result["storm_note"] = $"{StormEventsPerMinute:N0} events a minute ({events:N0} in {duration.TotalSeconds:0} s) from {StormSenders} senders, open loop, " +
            $"{StormDedupKeys} dedup keys over {StormServices} services, to /v2/enqueue; ack = answer time of each 202; first page = a service's first event " +
            "sent to its incident's first page handed to the Twilio stand-in (Notifications.SentAt); lost = 202s not counted on an alert (storm and saturated runs); " +
            $"ratio = the same senders closed loop on {StormServices} fresh services, accepted/s over the one-row-insert baseline of the run; lateness = tier 2 of " +
            $"{lateness.Incidents} Severity 1 incidents opened as the storm starts ({latenessWait.TotalSeconds:0} s tier wait), EngineJobs.DoneAt - DueAt.";
    }

    /// <summary>
    /// 1,000 schedules with 8 weeks of shifts: how fast they are made and read; then, with them in the database, alert
    /// to dispatch and escalation lateness again for a service whose tiers page through a schedule, to set beside the
    /// figures above (tiers naming the person directly).
    /// </summary>
    private static async Task SchedulesAsync(LifelineClient client, BenchDatabase db, TimeSpan latenessWait, bool quick, JsonObject result)
    {
        var schedules = await SchedulesBenchmark.RunAsync(client, 1000, quick ? 2000 : 10_000, 16);
        Console.WriteLine($"    schedules: {schedules}");
        result["schedules_created"] = schedules.Created;
        result["schedules_create_per_s"] = Math.Round(schedules.Created / schedules.CreateSeconds, 1);
        result["schedules_create_errors"] = schedules.CreateErrors;
        result["schedules_on_call_p50_ms"] = Math.Round(schedules.OnCall.P50, 1);
        result["schedules_on_call_p99_ms"] = Math.Round(schedules.OnCall.P99, 1);
        result["schedules_shifts_8_weeks_p50_ms"] = Math.Round(schedules.Shifts8Weeks.P50, 1);
        result["schedules_shifts_8_weeks_p99_ms"] = Math.Round(schedules.Shifts8Weeks.P99, 1);
        result["schedules_read_errors"] = schedules.ReadErrors;
        result["schedules_read_concurrency"] = 16;

        var point = DispatchPoint.HandedToChannel;
        var alerts = await client.CreateFixtureAsync("alerts via schedule", TimeSpan.FromMinutes(1), 2, 0, throughSchedule: true);
        await AlertToDispatchBenchmark.RunAsync(client, db, alerts.ServiceId, 20, TimeSpan.FromSeconds(quick ? 3 : 10), point);
        var viaSchedule = await AlertToDispatchBenchmark.RunAsync(client, db, alerts.ServiceId, 100, TimeSpan.FromSeconds(quick ? 2 : 10), point);
        Console.WriteLine($"    alert to dispatch at 100/s through a schedule: {viaSchedule}");
        result["alert_to_dispatch_via_schedule_p50_ms"] = Math.Round(viaSchedule.Latency.P50, 1);
        result["alert_to_dispatch_via_schedule_p99_ms"] = Math.Round(viaSchedule.Latency.P99, 1);
        result["alert_to_dispatch_via_schedule_missing"] = viaSchedule.Missing;

        var lateness = await LatenessBenchmark.RunAsync(client, db, await client.CreateFixtureAsync("lateness via schedule", latenessWait, 2, 0, throughSchedule: true),
            quick ? 500 : 10_000, Concurrency);
        Console.WriteLine($"    escalation lateness through a schedule: {lateness}");
        result["escalation_lateness_via_schedule_p50_ms"] = Math.Round(lateness.Latency.P50, 1);
        result["escalation_lateness_via_schedule_p99_ms"] = Math.Round(lateness.Latency.P99, 1);
        result["escalation_lateness_via_schedule_steps_not_done"] = lateness.NotDone;
        result["schedules_note"] = "1,000 schedules made through the API (weekly rotations of 4 in 5 zones, every 4th with a 12-hour day/night layer, every 8th " +
            "with business-hours restrictions, started 8 weeks ago); on-call and 8-week shift reads at random, 16 at once; then alert to dispatch at 100/s " +
            "and escalation lateness for a service whose tiers name a schedule, with the 1,000 schedules in the database";
    }

    private static async Task SlowProviderAsync(DriverOptions options, string kind, string[] serverArgs, TwilioStandIn twilio, LifelineClient client,
        ServerProcess server, bool quick, JsonObject result)
    {
        // Dispatch to a provider that takes 200 ms a call: as configured by default, and with the settings it needs.
        var people = await SlowProviderBenchmark.CreatePeopleAsync(client, quick ? 400 : 2000, 16);
        server.KillHard();
        var asShipped = await SlowProviderBenchmark.RunAsync(options, kind, serverArgs, twilio, people, [], "defaults: ConcurrencyPerChannel 200 (e-mail 4), BatchSize 200");
        Console.WriteLine($"    dispatch to a 200 ms provider: {asShipped}");
        var tuned = await SlowProviderBenchmark.RunAsync(options, kind, serverArgs, twilio, people,
            ["--Lifeline:Dispatch:ConcurrencyPerChannel=500", "--Lifeline:Dispatch:BatchSize=1000"], "ConcurrencyPerChannel 500, BatchSize 1000");
        Console.WriteLine($"    dispatch to a 200 ms provider: {tuned}");
        result["dispatch_per_s_slow_provider"] = Math.Round(asShipped.PerSecond, 1);
        result["dispatch_slow_provider_notifications"] = asShipped.Queued;
        result["dispatch_slow_provider_handed"] = asShipped.Handed;
        result["dispatch_slow_provider_max_in_flight"] = asShipped.MaxInFlight;
        result["dispatch_per_s_slow_provider_tuned"] = Math.Round(tuned.PerSecond, 1);
        result["dispatch_slow_provider_tuned_handed"] = tuned.Handed;
        result["dispatch_slow_provider_tuned_max_in_flight"] = tuned.MaxInFlight;
        result["dispatch_slow_provider_tuned_settings"] = tuned.Settings;
        result["dispatch_note"] = "SMS test messages to distinct cell phones (nothing bundled), backlog built with the dispatcher off, drained by a fresh server; " +
            "rate = handed over / (first request received .. last answered) at the Twilio stand-in (200 ms per call). A pass keeps up to ConcurrencyPerChannel " +
            "sends in flight per channel, claiming again (at most BatchSize a claim) as sends finish and recording finished outcomes together, so the ceiling is " +
            "ConcurrencyPerChannel / 0.2 s (1,000/s by default); below it, the server's CPU (rendering, HTTP, the database), shared with the stand-in on the same cores, limits it.";
    }
}
