using System.Diagnostics;
using System.Net.Sockets;

namespace Lifeline.Bench.Providers;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>, installed by
/// bench.sh and resilience.sh as test.sh does) with its Mailbox handler, so every accepted message is
/// a file in a maildir. The driver starts it, stops it (SMTP down) and starts it again on the same
/// port; it is the only process this class ends, by the id it started.
/// </summary>
public sealed class SmtpStandIn : IDisposable
{
    private readonly string _python;
    private Process? _process;

    public int Port { get; }
    public string Maildir { get; }
    public bool IsRunning => _process is { HasExited: false };

    private SmtpStandIn(string python, int port, string maildir)
    {
        _python = python;
        Port = port;
        Maildir = maildir;
    }

    public static async Task<SmtpStandIn> StartAsync(string python, string workDirectory, string name)
    {
        var maildir = Path.Combine(workDirectory, name + "-maildir");
        foreach (var sub in new[] { "cur", "new", "tmp" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(maildir, sub));
        }
        var smtp = new SmtpStandIn(python, ServerProcess.FreePort(), maildir);
        await smtp.StartAgainAsync();
        return smtp;
    }

    /// <summary>What makes Lifeline send e-mail here (plain SMTP on loopback).</summary>
    public IEnumerable<string> ServerArgs() =>
    [
        "--Lifeline:Smtp:Host=127.0.0.1",
        $"--Lifeline:Smtp:Port={Port}",
        "--Lifeline:Smtp:UseTls=false",
    ];

    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }
        var info = new ProcessStartInfo(_python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {_python} -m aiosmtpd");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} (is python3-aiosmtpd installed? bench.sh and resilience.sh install it)");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 20 s");
    }

    /// <summary>SMTP down: the server process is killed, connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The messages accepted so far: their <c>X-Lifeline-Notification</c> header (the notification's idempotency key) and <c>To</c>.</summary>
    public List<(string? NotificationKey, string? To)> Messages()
    {
        var messages = new List<(string?, string?)>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(Maildir, "new")).Concat(System.IO.Directory.EnumerateFiles(Path.Combine(Maildir, "cur"))))
        {
            using var message = MimeKit.MimeMessage.Load(file);
            messages.Add((message.Headers["X-Lifeline-Notification"], message.To.ToString()));
        }
        return messages;
    }

    public void Dispose() => Stop();
}
