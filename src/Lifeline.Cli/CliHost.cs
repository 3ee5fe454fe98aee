namespace Lifeline.Cli;

/// <summary>
/// Everything the command reaches outside itself: console, environment, config file and network.
/// <see cref="LifelineCli.Main"/> uses the real ones; tests hand in writers, a config path and the
/// in-memory handler of a test server, so the whole command runs in-process.
/// </summary>
public sealed class CliHost
{
    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;
    public TextReader In { get; init; } = Console.In;

    /// <summary>True when a person types at a terminal: the password prompt then hides what is typed.</summary>
    public bool IsInteractive { get; init; } = !Console.IsInputRedirected;

    /// <summary>Reads environment variables (LIFELINE_SERVER, LIFELINE_TOKEN, LIFELINE_CONFIG, XDG_CONFIG_HOME, HOME).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Overrides where the config file is; null means the usual places (see <see cref="Config.ConfigStore"/>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Creates the handler under each HTTP client; null means a real network connection.</summary>
    public Func<HttpMessageHandler>? CreateHandler { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the offline journal records times by.</summary>
    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.Now;
}
