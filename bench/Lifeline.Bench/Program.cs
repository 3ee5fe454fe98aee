using Lifeline.Bench;
using Lifeline.Bench.Resilience;

// The benchmark and resilience driver. bench.sh and resilience.sh build Lifeline in Release, start a
// throwaway PostgreSQL cluster and call this with the paths; see the README ("Benchmarks", "Resilience").
//   Lifeline.Bench bench      --server Lifeline.dll --baseline Baseline.dll [--quick] [--postgres CONN] [--out FILE]
//   Lifeline.Bench resilience --server Lifeline.dll [--full] [--postgres CONN --postgres-dir DIR --postgres-port PORT] [--only crash,bad-input,...]
if (args.Length == 0 || args[0] is not ("bench" or "resilience"))
{
    Console.Error.WriteLine("usage: Lifeline.Bench bench|resilience --server <Lifeline.dll> [options] (see bench.sh and resilience.sh)");
    return 2;
}
var options = DriverOptions.Parse(args);
if (args[0] == "bench")
{
    return await BenchRun.RunAsync(options);
}
return await ResilienceRun.RunAsync(options with { Short = !args.Contains("--full") });
