using System.CommandLine;
using System.Text.Json;
using Lifeline.Cli.Api;
using Lifeline.Cli.Config;
using Lifeline.Cli.Offline;

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
    /// <summary>The offline journal beside the config file.</summary>
    public OfflineJournal Journal => new(Store.Directory);

    /// <summary>What the CLI last saw of the incidents it showed, for the journal's conflict checks.</summary>
    public IncidentCache Incidents => new(Store.Directory);

    /// <summary>Remembers the severity and status of incidents the server just returned.</summary>
    public void Seen(JsonElement incident) => Seen([incident]);

    public void Seen(IEnumerable<JsonElement> incidents) =>
        Incidents.Remember(incidents.Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("number", out _) && i.TryGetProperty("severity", out _))
            .Select(i => new SeenIncident(i.GetProperty("number").GetString()!, i.GetProperty("severity").GetInt32(), i.GetProperty("status").GetString()!, Host.Now())));

    /// <summary>
    /// The server's incident number for what the user typed: a number as it is, or an incident opened offline
    /// (<c>OFF-n</c>) once <c>lifeline sync</c> has sent it.
    /// </summary>
    public string Resolve(string reference)
    {
        if (!reference.StartsWith(OfflineJournal.OfflinePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return reference.Trim();
        }
        var opened = Journal.Read().FirstOrDefault(i => i.Entry.Action == "open" && string.Equals(i.Entry.Incident, reference.Trim(), StringComparison.OrdinalIgnoreCase));
        return opened switch
        {
            null => throw new CliFailure($"the offline journal has no incident {reference}: lifeline journal lists what it holds", ExitCodes.Failure),
            { Outcome.Number: { } number } => number,
            _ => throw new CliFailure($"{reference} was opened offline and is not on the server yet: run lifeline sync first", ExitCodes.Failure),
        };
    }

    /// <summary>
    /// Runs <paramref name="online"/>; when the server cannot be reached, writes the action to the offline journal with
    /// the time it happened instead, says so plainly, and ends with <see cref="ExitCodes.Journalled"/>.
    /// </summary>
    public async Task OrJournalAsync(string action, string? incident, DateTimeOffset? occurredAt, IReadOnlyDictionary<string, string?> fields,
        Func<LifelineApiClient, Task> online, CancellationToken ct)
    {
        string why;
        try
        {
            if (incident is not null && IsWaitingOffline(incident))
            {
                why = $"{incident.Trim().ToUpperInvariant()} is not on the server yet";
            }
            else
            {
                using var client = Connect();
                await online(client);
                await SheetCommand.RefreshIfOldAsync(this, client, ct);
                return;
            }
        }
        catch (ServerUnreachableException unreachable)
        {
            why = $"Cannot reach {unreachable.Server} ({unreachable.Reason})";
        }
        ct.ThrowIfCancellationRequested();
        var journal = Journal;
        var reference = action == "open" ? journal.NextOfflineReference() : incident!.Trim().ToUpperInvariant();
        var seen = action == "open" || reference.StartsWith(OfflineJournal.OfflinePrefix, StringComparison.Ordinal) ? null : Incidents.Find(reference);
        var entry = new JournalEntry($"cli-{Guid.NewGuid():N}", action, reference, occurredAt ?? Host.Now(), Store.Effective().UserName, fields,
            seen?.Severity, seen?.Status);
        journal.Append(entry);
        var waiting = journal.Read().Count(i => i.IsWaiting);
        await Out.WriteLineAsync($"{why}: saved in the offline journal instead"
            + (action == "open" ? $" as {reference} (use that reference until it is synced)" : "")
            + $", at {entry.OccurredAt.ToLocalTime():yyyy-MM-dd HH:mm}. {waiting} waiting; run lifeline sync when the server is back.");
        throw new CliFailure("", ExitCodes.Journalled);
    }

    /// <summary>An incident opened offline (<c>OFF-n</c>) that the journal has not sent yet: what is done to it waits in the journal too.</summary>
    private bool IsWaitingOffline(string reference) =>
        reference.Trim().StartsWith(OfflineJournal.OfflinePrefix, StringComparison.OrdinalIgnoreCase)
        && Journal.Read().Any(i => i.IsWaiting && i.Entry.Action == "open" && string.Equals(i.Entry.Incident, reference.Trim(), StringComparison.OrdinalIgnoreCase));

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
                if (failure.Message.Length > 0)
                {
                    await Host.Error.WriteLineAsync(failure.Message);
                }
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
