using System.Net;
using System.Net.Sockets;
using Lifeline.Access;
using Lifeline.Cli;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Cli;

/// <summary>The outcome of one <c>lifeline</c> command line run in-process.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>
/// Runs the <c>lifeline</c> command in-process against a test server's in-memory handler, with a config file
/// of its own and an environment that holds only what the test puts in it (never the machine's LIFELINE_*).
/// </summary>
public sealed class CliRunner : IDisposable
{
    /// <summary>The address the CLI is given; the in-memory handler answers for any host.</summary>
    public const string ServerUrl = "http://localhost";

    private readonly LifelineServer? _server;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"lifeline-cli-{Guid.NewGuid():N}");

    public Dictionary<string, string> Environment { get; } = [];
    public string ConfigPath => Path.Combine(_directory, "lifeline", "config.json");

    public CliRunner(LifelineServer? server)
    {
        _server = server;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost
        {
            Out = output,
            Error = error,
            In = new StringReader(input),
            IsInteractive = false,
            Environment = name => Environment.GetValueOrDefault(name),
            ConfigPath = ConfigPath,
            CreateHandler = _server is null ? null : () => _server.Server.CreateHandler(),
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        var exitCode = await LifelineCli.RunAsync(args, host, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Signs the CLI in with a token, as <c>lifeline login --token</c> does, and asserts it worked.</summary>
    public async Task SignInAsync(string token)
    {
        var result = await RunAsync("login", "--server", ServerUrl, "--token", token);
        Assert.True(result.ExitCode == 0, $"login --token failed ({result.ExitCode}): {result.Error}");
    }

    /// <summary>A new account with a known password, for signing in by password without touching the shared admin.</summary>
    public static async Task<(string UserName, string Password)> CreateAccountAsync(LifelineServer server, params string[] roles)
    {
        var userName = $"cli-{Guid.NewGuid():N}"[..20];
        const string password = "Cli-password-123";
        using var scope = server.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(userName, password, roles, null, CancellationToken.None);
        Assert.True(outcome.Succeeded);
        return (userName, password);
    }

    /// <summary>A local port nothing listens on: bound, noted, and released.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }
}
