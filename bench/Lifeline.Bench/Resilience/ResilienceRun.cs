namespace Lifeline.Bench.Resilience;

public enum Verdict { Passed, Failed, Skipped }

public sealed record ScenarioResult(string Name, Verdict Verdict, string Detail);

/// <summary>
/// Runs the resilience scenarios against the real server as a process and prints a summary ending in
/// <c>resilience: N passed, N failed, N skipped</c> (test.sh adds it to its own count; a skipped
/// scenario is not counted as passed).
/// </summary>
public static class ResilienceRun
{
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var results = new List<ScenarioResult>();
        async Task Run(string name, Func<Task<ScenarioResult>> scenario)
        {
            if (!options.Wants(name.Split(' ')[0]))
            {
                return;
            }
            Console.WriteLine($"==> {name}");
            ScenarioResult result;
            try
            {
                result = await scenario();
            }
            catch (Exception e)
            {
                result = new ScenarioResult(name, Verdict.Failed, $"{e.GetType().Name}: {e.Message}");
            }
            Console.WriteLine($"    {result.Verdict.ToString().ToLowerInvariant()}: {result.Detail}");
            results.Add(result);
        }

        var postgres = options.PostgresAdmin is not null;
        await Run("bad-input", () => BadInputScenario.RunAsync(options));
        if (postgres)
        {
            await Run("db-down", () => DatabaseDownScenario.RunAsync(options));
        }
        await Run("crash sqlite", () => CrashScenario.RunAsync(options, "sqlite"));
        if (postgres && !options.Short)
        {
            await Run("crash postgres", () => CrashScenario.RunAsync(options, "postgres"));
        }
        if (postgres)
        {
            await Run("two-instances", () => TwoInstancesScenario.RunAsync(options));
        }
        await Run("smtp-down", () => SmtpDownScenario.RunAsync(options));
        await Run("abuse", () => AbuseScenario.RunAsync(options));

        Console.WriteLine();
        Console.WriteLine("resilience summary");
        foreach (var r in results)
        {
            var verdict = r.Verdict == Verdict.Skipped ? "skipped" : r.Verdict.ToString().ToLowerInvariant();
            Console.WriteLine($"  {verdict,-8} {r.Name,-16} {r.Detail}");
        }
        if (!postgres)
        {
            Console.WriteLine("  (no --postgres: the PostgreSQL scenarios db-down and two-instances did not run)");
        }
        var passed = results.Count(r => r.Verdict == Verdict.Passed);
        var failed = results.Count(r => r.Verdict == Verdict.Failed);
        var skipped = results.Count(r => r.Verdict == Verdict.Skipped);
        Console.WriteLine($"resilience: {passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }
}
