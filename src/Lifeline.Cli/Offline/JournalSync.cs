using System.Text.Json;
using Lifeline.Cli.Api;
using Lifeline.Cli.Commands;

using Lifeline.Cli.Output;

namespace Lifeline.Cli.Offline;

/// <summary>What one sync did.</summary>
public sealed record SyncReport(int Sent, int Conflicts, int StillWaiting, IReadOnlyList<string> Lines);

/// <summary>
/// Sends the offline journal's waiting entries, oldest first, with the times they happened. Idempotent: an entry is
/// marked sent once the server took it, an incident opened offline carries its entry's key as the manual log id (the
/// server returns the same incident for it), and a log line its client key. What cannot be applied as it was written —
/// the incident was closed meanwhile, its severity changed, it was acknowledged by someone else — is reported as a
/// conflict and left for a person, never guessed at.
/// </summary>
public sealed class JournalSync(OfflineJournal journal, LifelineApiClient client, Func<DateTimeOffset> now, TextWriter progress)
{
    public async Task<SyncReport> RunAsync(bool notify, CancellationToken ct)
    {
        var items = journal.Read();
        var waiting = items.Where(i => i.IsWaiting).ToList();
        var numbers = items.Where(i => i.Entry.Action == "open" && i.Outcome?.Number is not null)
            .ToDictionary(i => i.Entry.Incident, i => i.Outcome!.Number!, StringComparer.OrdinalIgnoreCase);
        var conflictedOpens = items.Where(i => i.Entry.Action == "open" && i.Outcome?.State == "conflict").Select(i => i.Entry.Incident).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string>();
        var (sent, conflicts) = (0, 0);
        for (var index = 0; index < waiting.Count; index++)
        {
            var entry = waiting[index].Entry;
            var label = $"[{index + 1}/{waiting.Count}] {entry.Action} {entry.Incident} ({entry.OccurredAt.ToLocalTime():yyyy-MM-dd HH:mm})";
            await progress.WriteLineAsync(label);
            string? number = null;
            string? conflict;
            try
            {
                (number, conflict) = await ApplyAsync(entry, numbers, conflictedOpens, notify, ct);
            }
            catch (ServerUnreachableException)
            {
                throw new CliFailure($"{client.Server} cannot be reached again: {sent} sent, {waiting.Count - index} still waiting; run lifeline sync later", ExitCodes.Unreachable);
            }
            catch (ApiProblemException problem)
            {
                conflict = $"refused by the server ({problem.Status}): {problem.Message.ReplaceLineEndings(" ")}";
            }
            if (conflict is null)
            {
                journal.Record(new JournalOutcome(entry.Key, "sent", number, null, now()));
                if (entry.Action == "open" && number is not null)
                {
                    numbers[entry.Incident] = number;
                }
                sent++;
                lines.Add($"sent      {label[(label.IndexOf(']', StringComparison.Ordinal) + 2)..]}{(number is not null && number != entry.Incident ? $" -> {number}" : "")}");
            }
            else
            {
                journal.Record(new JournalOutcome(entry.Key, "conflict", number, conflict, now()));
                if (entry.Action == "open")
                {
                    conflictedOpens.Add(entry.Incident);
                }
                conflicts++;
                lines.Add($"CONFLICT  {label[(label.IndexOf(']', StringComparison.Ordinal) + 2)..]}: {conflict}");
            }
        }
        var opened = numbers.Where(n => waiting.Any(w => w.Entry.Action == "open" && w.Entry.Incident == n.Key)).ToList();
        if (!notify && opened.Count > 0)
        {
            lines.Add($"Opened offline and sent without paging anyone: {string.Join(", ", opened.Select(o => o.Value))}. If one still needs people now: lifeline incident escalate NUMBER");
        }
        return new SyncReport(sent, conflicts, journal.Read().Count(i => i.IsWaiting), lines);
    }

    private async Task<(string? Number, string? Conflict)> ApplyAsync(JournalEntry entry, Dictionary<string, string> numbers, HashSet<string> conflictedOpens,
        bool notify, CancellationToken ct)
    {
        if (entry.Action == "open")
        {
            var body = await IncidentCommands.OpenBodyAsync(client, entry.Fields, entry.OccurredAt, entry.Key, notify, ct);
            var opened = await client.PostAsync("incidents", body, ct);
            return (opened.GetProperty("number").GetString(), null);
        }
        string number;
        if (entry.Incident.StartsWith(OfflineJournal.OfflinePrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!numbers.TryGetValue(entry.Incident, out number!))
            {
                return (null, conflictedOpens.Contains(entry.Incident)
                    ? $"{entry.Incident} could not be opened on the server (see its conflict)"
                    : $"{entry.Incident} was never opened");
            }
        }
        else
        {
            number = entry.Incident;
        }
        var path = $"incidents/{Uri.EscapeDataString(number)}";
        var incident = await client.GetAsync(path, ct);
        var status = incident.GetProperty("status").GetString();
        var severity = incident.GetProperty("severity").GetInt32();

        if (entry.Action == "log")
        {
            // A line of the log is true whatever happened since; the client key makes a second send add nothing.
            await client.PostAsync($"{path}/manual-log", IncidentCommands.LogBody(entry.Fields, entry.OccurredAt, entry.User), ct);
            return (number, null);
        }
        if (entry.ExpectedSeverity is { } expected && expected != severity)
        {
            return (number, $"its severity changed from {expected} to {severity} meanwhile; check it and do this by hand if it still applies");
        }
        switch (entry.Action)
        {
            case "ack":
                if (incident.GetProperty("acknowledgedAt") is { ValueKind: JsonValueKind.String } acknowledged)
                {
                    return acknowledged.GetDateTimeOffset() == entry.OccurredAt.ToUniversalTime()
                        ? (number, null) // sent before, and the journal did not hear the answer
                        : (number, $"already acknowledged at {acknowledged.GetDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm}"
                            + (Readable.Text(incident.GetProperty("incidentManager"), "name") is { } who ? $" ({who} is the incident manager)" : ""));
                }
                if (status is "Resolved" or "Closed")
                {
                    return (number, $"it is {status} meanwhile");
                }
                await client.PostAsync($"{path}/acknowledge", Backdated(await IncidentCommands.AcknowledgeBodyAsync(client, entry.Fields, entry.OccurredAt, "cli-journal", ct), notify), ct);
                return (number, null);
            case "update":
                if (status is "Resolved" or "Closed")
                {
                    return (number, $"it is {status} meanwhile; a status update no longer applies");
                }
                if (incident.GetProperty("statusUpdates").EnumerateArray().Any(u => u.GetProperty("postedAt").GetDateTimeOffset() == entry.OccurredAt.ToUniversalTime()
                    && u.GetProperty("text").GetString() == entry.Fields["text"]))
                {
                    return (number, null);
                }
                await client.PostAsync($"{path}/status-updates", Backdated(IncidentCommands.UpdateBody(entry.Fields, entry.OccurredAt), notify), ct);
                return (number, null);
            case "resolve":
                if (status is "Resolved" or "Closed")
                {
                    return incident.GetProperty("resolvedAt") is { ValueKind: JsonValueKind.String } resolved && resolved.GetDateTimeOffset() == entry.OccurredAt.ToUniversalTime()
                        ? (number, null)
                        : (number, $"it is {status} meanwhile");
                }
                await client.PostAsync($"{path}/resolve", new { summary = entry.Fields["summary"], occurredAt = entry.OccurredAt, notify }, ct);
                return (number, null);
            default:
                return (number, $"this version of lifeline does not know how to send '{entry.Action}'");
        }
    }

    /// <summary>The body with <c>notify</c> added: the API takes it beside <c>occurredAt</c>.</summary>
    private static Dictionary<string, object?> Backdated(object body, bool notify)
    {
        var fields = JsonSerializer.SerializeToElement(body, ApiJson.Options).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
        fields["notify"] = notify;
        return fields;
    }

    internal static string Describe(JournalEntry entry) => entry.Action switch
    {
        "open" => $"{entry.Fields.GetValueOrDefault("title")} ({entry.Fields.GetValueOrDefault("service")}"
            + (entry.Fields.GetValueOrDefault("severity") is { } s ? $", Severity {s})" : ")"),
        "ack" => entry.Fields.GetValueOrDefault("person") is { } p ? $"acknowledged, {p} incident manager" : "acknowledged",
        "update" or "log" => entry.Fields.GetValueOrDefault("text") ?? "",
        "resolve" => entry.Fields.GetValueOrDefault("summary") ?? "",
        _ => string.Join(", ", entry.Fields.Select(f => $"{f.Key}={f.Value}")),
    } is var text && text.Length > 80 ? text[..77] + "..." : text;


}
