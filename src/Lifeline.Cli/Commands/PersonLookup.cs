using Lifeline.Cli.Api;

namespace Lifeline.Cli.Commands;

/// <summary>Finds a person by id or by name, as people type them: "Castillo", "henry castillo".</summary>
internal static class PersonLookup
{
    public static async Task<Guid> FindAsync(LifelineApiClient client, string idOrName, CancellationToken ct)
    {
        if (Guid.TryParse(idOrName, out var id))
        {
            return id;
        }
        var name = idOrName.Trim();
        var found = ApiJson.Read<Page<PersonSummary>>(await client.GetAsync(ListOptions.Query("people", name, page: null, pageSize: 200), ct));
        var exact = found.Items.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = exact.Count > 0 ? exact : found.Items.ToList();
        return candidates.Count switch
        {
            1 => candidates[0].Id,
            0 => throw new CliFailure($"no person matches '{name}': try lifeline people list --search TEXT", ExitCodes.Failure),
            _ => throw new CliFailure($"'{name}' matches {found.Total} people ({string.Join(", ", candidates.Take(5).Select(p => p.Name))}{(candidates.Count > 5 ? ", ..." : "")}): give more of the name or the id", ExitCodes.Failure),
        };
    }
}
