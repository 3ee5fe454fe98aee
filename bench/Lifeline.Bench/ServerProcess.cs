using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lifeline.Bench;

/// <summary>A server (Lifeline or the baseline) started as a real process on a loopback port, killed the hard way when asked.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public string Url { get; }
    public int Pid => _process.Id;
    public DateTimeOffset StartedAt { get; }
    public bool HasExited => _process.HasExited;

    private ServerProcess(Process process, StreamWriter log, string url, DateTimeOffset startedAt)
    {
        _process = process;
        _log = log;
        Url = url;
        StartedAt = startedAt;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="dll">The server's assembly, run with <c>dotnet</c>.</param>
    /// <param name="logFile">Where its stdout and stderr go (appended).</param>
    public static ServerProcess Start(string dll, int port, IEnumerable<string> args, string logFile)
    {
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, url, startedAt);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The run is over and the log closed; the process's last words are not needed.
            }
        }
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200; returns the time from process start to ready.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, string path = "/readyz")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server at {Url} exited with code {_process.ExitCode} before it was ready");
            }
            try
            {
                using var response = await http.GetAsync(Url + path);
                if (response.IsSuccessStatusCode)
                {
                    return DateTimeOffset.UtcNow - StartedAt;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"the server at {Url} was not ready within {timeout}");
    }

    /// <summary>Resident memory from /proc (VmRSS), in MB.</summary>
    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return double.NaN;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, like a power cut of the process.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        await Task.Delay(50);
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
