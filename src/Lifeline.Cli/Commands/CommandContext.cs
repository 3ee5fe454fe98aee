using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Config;

namespace Lifeline.Cli.Commands;

/// <summary>What every command shares: the host, the config store, the global <c>--json</c> option, and one way to fail.</summary>
public sealed class CommandContext(CliHost host)
{
    public CliHost Host { get; } = host;
    public ConfigStore Store { get; } = new(host);
    public TextWriter Out => Host.Out;

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the server's JSON instead of a table",
        Recursive = true,
    };

    /// <summary>A client for the configured server and token, or a plain "run lifeline login" when there is none.</summary>
    public LifelineApiClient Connect()
    {
        var config = Store.Effective();
        if (string.IsNullOrWhiteSpace(config.Server))
        {
            throw new CliFailure("no server configured: run lifeline login --server URL (or set LIFELINE_SERVER)", ExitCodes.Failure);
        }
        if (string.IsNullOrWhiteSpace(config.Token))
        {
            throw new CliFailure($"not signed in to {config.Server}: run lifeline login", ExitCodes.Failure);
        }
        return new LifelineApiClient(Host, config.Server, config.Token);
    }

    /// <summary>
    /// Sets the command's action so that whatever goes wrong ends as one plain line on stderr and an exit
    /// code: <see cref="CliFailure"/> with its own, anything unexpected with 1. Never a stack trace.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task> action)
    {
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            try
            {
                await action(parse, ct);
                return ExitCodes.Success;
            }
            catch (CliFailure failure)
            {
                await Host.Error.WriteLineAsync(failure.Message);
                return failure.ExitCode;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Host.Error.WriteLineAsync("cancelled");
                return ExitCodes.Cancelled;
            }
            catch (Exception unexpected) when (unexpected is IOException or UnauthorizedAccessException)
            {
                await Host.Error.WriteLineAsync(unexpected.Message);
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // The promise of the command is one readable line, whatever failed.
            catch (Exception unexpected)
#pragma warning restore CA1031
            {
                await Host.Error.WriteLineAsync($"unexpected error ({unexpected.GetType().Name}): {unexpected.Message}");
                return ExitCodes.Failure;
            }
        });
    }
}
