using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Cli.Offline;

/// <summary>
/// One thing done while the server could not be reached: what (<see cref="Action"/>), to which incident (a number, or the
/// journal's own reference <c>OFF-n</c> for an incident opened offline), when it happened, by whom, and a client key that
/// makes sending it twice harmless. <see cref="ExpectedSeverity"/> and <see cref="ExpectedStatus"/> are what the user last
/// saw of the incident, so <c>lifeline sync</c> can tell that it changed meanwhile instead of guessing.
/// </summary>
public sealed record JournalEntry(string Key, string Action, string Incident, DateTimeOffset OccurredAt, string? User,
    IReadOnlyDictionary<string, string?> Fields, int? ExpectedSeverity, string? ExpectedStatus);

/// <summary>What became of an entry: sent (with the incident's number), or a conflict left for a person to settle.</summary>
public sealed record JournalOutcome(string Key, string State, string? Number, string? Reason, DateTimeOffset At);

/// <summary>An entry and where it stands.</summary>
public sealed record JournalItem(JournalEntry Entry, JournalOutcome? Outcome)
{
    public bool IsWaiting => Outcome is null;
}

/// <summary>
/// The offline journal: an append-only file of JSON lines beside the config (<c>journal.jsonl</c>, readable by its owner
/// only). Entries are written when a command cannot reach the server; <c>lifeline sync</c> appends what became of each.
/// Nothing is ever rewritten, so a crash halfway through a sync loses nothing and the file is the whole history.
/// </summary>
public sealed class OfflineJournal(string directory)
{
    public const string OfflinePrefix = "OFF-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Path { get; } = System.IO.Path.Combine(directory, "journal.jsonl");

    private sealed record Line(string Type, JournalEntry? Entry, JournalOutcome? Outcome);

    public IReadOnlyList<JournalItem> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var entries = new List<JournalEntry>();
        var outcomes = new Dictionary<string, JournalOutcome>(StringComparer.Ordinal);
        var number = 0;
        foreach (var text in File.ReadLines(Path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Json);
            }
            catch (JsonException e)
            {
                throw new CliFailure($"the offline journal {Path} is damaged at line {number} ({e.Message}); nothing was changed", ExitCodes.Failure);
            }
            if (line is { Type: "entry", Entry: { } entry })
            {
                entries.Add(entry);
            }
            else if (line is { Type: "outcome", Outcome: { } outcome })
            {
                outcomes[outcome.Key] = outcome;
            }
        }
        return [.. entries.Select(e => new JournalItem(e, outcomes.GetValueOrDefault(e.Key)))];
    }

    /// <summary>The next <c>OFF-n</c> reference for an incident opened offline.</summary>
    public string NextOfflineReference() =>
        OfflinePrefix + (Read().Count(i => i.Entry.Action == "open") + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Append(JournalEntry entry) => Write(new Line("entry", entry, null));

    public void Record(JournalOutcome outcome) => Write(new Line("outcome", null, outcome));

    private void Write(Line line)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(Path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(line, Json));
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
