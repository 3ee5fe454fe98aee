using Lifeline.Cli.Api;

namespace Lifeline.Cli.Commands;

/// <summary>Finds a service, a team, an escalation policy or a person by id or by name, as people type them ("e-mail", "Messaging Team", "castillo").</summary>
internal static class Lookup
{
    public static Task<Guid> ServiceAsync(LifelineApiClient client, string idOrName, CancellationToken ct) => FindAsync(client, "services", "service", idOrName, ct);

    public static Task<Guid> PolicyAsync(LifelineApiClient client, string idOrName, CancellationToken ct) =>
        FindAsync(client, "escalation-policies", "escalation policy", idOrName, ct);

    public static Task<Guid> PlanAsync(LifelineApiClient client, string idOrName, CancellationToken ct) =>
        FindAsync(client, "communication-plans", "communication plan", idOrName, ct);

    public static Task<Guid> TeamAsync(LifelineApiClient client, string idOrName, CancellationToken ct) => FindAsync(client, "teams", "team", idOrName, ct);

    public static Task<Guid> PersonAsync(LifelineApiClient client, string idOrName, CancellationToken ct) =>
        FindAsync(client, "people", "person", idOrName, ct, "lifeline people list --search TEXT");

    private sealed record Named(Guid Id, string Name);

    private static async Task<Guid> FindAsync(LifelineApiClient client, string resource, string noun, string idOrName, CancellationToken ct, string? listHint = null)
    {
        if (Guid.TryParse(idOrName, out var id))
        {
            return id;
        }
        var name = idOrName.Trim();
        var found = ApiJson.Read<Page<Named>>(await client.GetAsync(ListOptions.Query(resource, name, page: null, pageSize: 200), ct));
        var exact = found.Items.Where(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = exact.Count > 0 ? exact : [.. found.Items];
        return candidates.Count switch
        {
            1 => candidates[0].Id,
            0 => throw new CliFailure($"no {noun} matches '{name}': try {listHint ?? $"lifeline {resource} list"}", ExitCodes.Failure),
            _ => throw new CliFailure($"'{name}' matches {candidates.Count} {resource} ({string.Join(", ", candidates.Take(5).Select(i => i.Name))}{(candidates.Count > 5 ? ", ..." : "")}): give more of the name or the id", ExitCodes.Failure),
        };
    }
}
