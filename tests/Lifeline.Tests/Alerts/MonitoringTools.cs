using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// A real Prometheus and a real Alertmanager (Debian's packages, installed by ./test.sh) on random loopback ports, in a
/// temporary directory. Prometheus evaluates one alert rule every second from a file the test writes, so the alert
/// fires and stops firing on demand (<see cref="StopFiringAsync"/> rewrites the rule and reloads Prometheus).
/// </summary>
public sealed class MonitoringTools : IAsyncDisposable
{
    public const string PrometheusBinary = "/usr/bin/prometheus";
    public const string AlertmanagerBinary = "/usr/bin/prometheus-alertmanager";
    public const string AlertName = "LifelineTestDiskFull";

    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lifeline-monitoring-").FullName;
    private readonly List<Process> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _prometheusPort;

    public static void RequireInstalled() =>
        TestEnvironment.Require(File.Exists(PrometheusBinary) && File.Exists(AlertmanagerBinary), "Prometheus and Alertmanager (Debian prometheus, prometheus-alertmanager)");

    /// <summary>Starts both with Alertmanager's receiver given as YAML (the <c>receivers:</c> entry named lifeline).</summary>
    public static async Task<MonitoringTools> StartAsync(string receiverYaml)
    {
        var tools = new MonitoringTools();
        try
        {
            await tools.StartAlertmanagerAndPrometheusAsync(receiverYaml);
            return tools;
        }
        catch
        {
            await tools.DisposeAsync();
            throw;
        }
    }

    private async Task StartAlertmanagerAndPrometheusAsync(string receiverYaml)
    {
        var alertmanagerPort = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_directory, "alertmanager.yml"), $"""
            route:
              receiver: lifeline
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
            - name: lifeline
            {receiverYaml}
            """);
        Start(AlertmanagerBinary, $"--config.file={_directory}/alertmanager.yml --storage.path={_directory}/alertmanager "
            + $"--web.listen-address=127.0.0.1:{alertmanagerPort} --cluster.listen-address=", "alertmanager.log");
        await WaitReadyAsync($"http://127.0.0.1:{alertmanagerPort}/-/ready", "alertmanager.log");

        _prometheusPort = FreePort();
        await WriteRuleAsync("vector(1)");
        await File.WriteAllTextAsync(Path.Combine(_directory, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ["{_directory}/rules.yml"]
            alerting:
              alertmanagers:
              - static_configs:
                - targets: ["127.0.0.1:{alertmanagerPort}"]
            """);
        Start(PrometheusBinary, $"--config.file={_directory}/prometheus.yml --storage.tsdb.path={_directory}/prometheus "
            + $"--web.listen-address=127.0.0.1:{_prometheusPort} --web.enable-lifecycle "
            // The first notification can come before Prometheus has found the Alertmanager, and is then dropped; the default
            // resend delay (1 min) would hold the next one back that long.
            + "--rules.alert.resend-delay=1s", "prometheus.log");
        await WaitReadyAsync($"http://127.0.0.1:{_prometheusPort}/-/ready", "prometheus.log");
    }

    /// <summary>The rule stops matching: Prometheus resolves the alert and Alertmanager sends its resolved notification.</summary>
    public async Task StopFiringAsync()
    {
        await WriteRuleAsync("vector(1) == 2");
        using var reloaded = await _http.PostAsync(new Uri($"http://127.0.0.1:{_prometheusPort}/-/reload"), null);
        Assert.True(reloaded.IsSuccessStatusCode, $"Prometheus reload: {(int)reloaded.StatusCode} {await reloaded.Content.ReadAsStringAsync()}");
    }

    public string Logs() => string.Join("\n", new[] { "alertmanager.log", "prometheus.log" }.Select(f => Path.Combine(_directory, f))
        .Where(File.Exists).Select(f => $"--- {Path.GetFileName(f)}\n" + string.Join("\n", File.ReadLines(f).TakeLast(30))));

    private Task WriteRuleAsync(string expression) => File.WriteAllTextAsync(Path.Combine(_directory, "rules.yml"), $"""
        groups:
        - name: lifeline-test
          interval: 1s
          rules:
          - alert: {AlertName}
            expr: {expression}
            labels:
              severity: critical
              instance: db-01.example.net
            annotations:
              summary: Disk full on db-01.example.net
              description: The data volume of db-01 has no space left.
        """);

    private void Start(string binary, string arguments, string log)
    {
        var info = new ProcessStartInfo(binary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start.");
        _processes.Add(process);
        var path = Path.Combine(_directory, log);
        var writer = new StreamWriter(path) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitReadyAsync(string url, string log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(url));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(_processes.All(p => !p.HasExited), $"{log}: the process exited.\n{Logs()}");
            await Task.Delay(200);
        }
        Assert.Fail($"{url} was not ready within 30 s.\n{Logs()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written; the temporary directory is cleaned up by the system.
        }
    }
}
