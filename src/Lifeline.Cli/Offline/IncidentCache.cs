using System.Text.Json;

namespace Lifeline.Cli.Offline;

/// <summary>What the user last saw of an incident: enough for the journal to notice, at sync, that it changed meanwhile.</summary>
public sealed record SeenIncident(string Number, int Severity, string Status, DateTimeOffset SeenAt);

/// <summary>
/// The incidents the CLI has shown, by number (<c>incidents.json</c> beside the config): their severity and status only,
/// no titles or contact data.
/// </summary>
public sealed class IncidentCache(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string Path => System.IO.Path.Combine(directory, "incidents.json");

    public SeenIncident? Find(string number) => Load().GetValueOrDefault(number);

    public void Remember(IEnumerable<SeenIncident> seen)
    {
        var all = Load();
        foreach (var incident in seen)
        {
            all[incident.Number] = incident;
        }
        // The 500 most recently seen are enough: the journal asks about incidents someone is working on.
        var kept = all.Values.OrderByDescending(i => i.SeenAt).Take(500).ToDictionary(i => i.Number, StringComparer.OrdinalIgnoreCase);
        Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(kept, Json));
        File.Move(temporary, Path, overwrite: true);
    }

    private Dictionary<string, SeenIncident> Load()
    {
        try
        {
            return File.Exists(Path)
                ? new Dictionary<string, SeenIncident>(JsonSerializer.Deserialize<Dictionary<string, SeenIncident>>(File.ReadAllText(Path), Json) ?? [], StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, SeenIncident>(StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return new Dictionary<string, SeenIncident>(StringComparer.OrdinalIgnoreCase); // a cache: start again rather than fail
        }
    }
}
