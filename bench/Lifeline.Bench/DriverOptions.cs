namespace Lifeline.Bench;

/// <summary>What bench.sh and resilience.sh hand the driver.</summary>
public sealed record DriverOptions(bool Short, string ServerDll, string? BaselineDll, string WorkDirectory, string? PostgresAdmin,
    string? PostgresDirectory, string? PostgresPort, string Output, IReadOnlyList<string> Databases, IReadOnlyList<string> Only, string Python)
{
    public string Log(string name) => Path.Combine(WorkDirectory, name + ".log");

    public static DriverOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var work = Value("--work") ?? Path.Combine(Path.GetTempPath(), "lifeline-bench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(work);
        var databases = (Value("--databases") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var only = (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new DriverOptions(
            Short: args.Contains("--quick") || args.Contains("--short"),
            ServerDll: Value("--server") ?? throw new ArgumentException("--server <Lifeline.dll> is required"),
            BaselineDll: Value("--baseline"),
            WorkDirectory: work,
            PostgresAdmin: Value("--postgres"),
            PostgresDirectory: Value("--postgres-dir"),
            PostgresPort: Value("--postgres-port"),
            Output: Value("--out") ?? "bench/results/latest.json",
            Databases: databases,
            Only: only,
            // The interpreter that runs aiosmtpd (Debian's python3-aiosmtpd, installed by the scripts).
            Python: Value("--python") ?? "/usr/bin/python3");
    }

    public bool Wants(string scenario) => Only.Count == 0 || Only.Contains(scenario);
}
