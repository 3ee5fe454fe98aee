using System.Text.Json.Nodes;

namespace Lifeline.Bench;

/// <summary>The results as an aligned table, one column per database, with the issue's targets.</summary>
public static class ResultsTable
{
    private static readonly (string Key, string Label, string Target)[] Rows =
    [
        ("alert_to_dispatch_10_per_s_p99_ms", "alert to dispatch p99 @10/s (ms)", ""),
        ("alert_to_dispatch_p50_ms", "alert to dispatch p50 @100/s (ms)", ""),
        ("alert_to_dispatch_p99_ms", "alert to dispatch p99 @100/s (ms)", "<= 250"),
        ("alert_to_dispatch_200_per_s_p99_ms", "alert to dispatch p99 @200/s (ms)", ""),
        ("escalation_lateness_p50_ms", "escalation lateness p50 (ms)", ""),
        ("escalation_lateness_p99_ms", "escalation lateness p99 (ms)", "<= 1000"),
        ("escalation_lateness_max_ms", "escalation lateness max (ms)", ""),
        ("escalation_lateness_incidents", "  incidents escalating at once", ""),
        ("alert_to_dispatch_via_schedule_p99_ms", "  through a schedule p99 @100/s (ms)", ""),
        ("escalation_lateness_via_schedule_p99_ms", "  lateness through a schedule p99 (ms)", ""),
        ("schedules_create_per_s", "schedules created (/s)", ""),
        ("schedules_on_call_p99_ms", "on-call read p99, 1,000 schedules (ms)", ""),
        ("schedules_shifts_8_weeks_p99_ms", "8 weeks of shifts p99 (ms)", ""),
        ("ingest_per_s", "ingest (incidents/s)", ""),
        ("ingest_p99_ms", "ingest p99 (ms)", ""),
        ("baseline_ingest_per_s", "baseline ingest (rows/s)", ""),
        ("ingest_ratio_to_baseline", "ingest / baseline", ">= 0.5"),
        ("storm_ack_p99_ms", "storm: ack p99 (ms)", "<= 100"),
        ("storm_first_page_p99_ms", "storm: first page p99 (ms)", "<= 1000"),
        ("storm_lost_events", "storm: lost events", "0"),
        ("storm_ratio_to_baseline", "storm: accepted / baseline", ">= 0.5"),
        ("storm_lateness_p99_ms", "storm: escalation lateness p99 (ms)", "<= 1000"),
        ("dispatch_per_s_slow_provider", "dispatch to 200 ms provider (/s)", ">= 500"),
        ("ready_s", "start to ready (s)", "<= 2"),
        ("ready_first_start_s", "  first start, with migrations (s)", ""),
        ("idle_rss_mb", "idle RSS (MB)", "<= 150"),
        ("load_rss_mb", "RSS under load (MB)", ""),
    ];

    public static void Print(JsonObject results)
    {
        var kinds = results.Select(r => r.Key).ToList();
        Console.WriteLine();
        Console.WriteLine($"{"",-38}" + string.Concat(kinds.Select(k => $"{k,12}")) + "  target");
        foreach (var (key, label, target) in Rows)
        {
            var cells = kinds.Select(k => results[k]![key] is { } v ? v.ToJsonString() : "n/a");
            Console.WriteLine($"{label,-38}" + string.Concat(cells.Select(c => $"{c,12}")) + $"  {target}");
        }
        Console.WriteLine();
    }
}
