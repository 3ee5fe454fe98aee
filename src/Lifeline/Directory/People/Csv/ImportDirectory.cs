using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.People.Csv;

/// <summary>A named team or role, as a row of an import refers to it.</summary>
public sealed record NamedRef(Guid Id, string Name);

/// <summary>An existing person as an import compares a row with them.</summary>
internal sealed record KnownPerson(Guid Id, string Name, string? Title, string TimeZone, string? Notes,
    IReadOnlySet<(ContactMethodKind Kind, string Value)> Methods, IReadOnlySet<Guid> Teams, IReadOnlySet<Guid> Roles);

/// <summary>What an import matches rows against, read once at the start of its transaction.</summary>
internal sealed class ImportDirectory
{
    public required IReadOnlyList<KnownPerson> People { get; init; }
    public required IReadOnlyDictionary<string, NamedRef> Teams { get; init; }
    public required IReadOnlyDictionary<string, NamedRef> Roles { get; init; }
    public required IReadOnlyDictionary<string, KnownPerson> ByEmail { get; init; }
    public required ILookup<string, KnownPerson> ByName { get; init; }

    public static async Task<ImportDirectory> ReadAsync(LifelineDbContext db, CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Include(p => p.ContactMethods).ToListAsync(ct);
        var members = (await db.TeamMembers.AsNoTracking().Select(m => new { m.PersonId, m.TeamId }).ToListAsync(ct)).ToLookup(m => m.PersonId, m => m.TeamId);
        var holders = (await db.RoleHolders.AsNoTracking().Select(h => new { h.PersonId, h.RoleId }).ToListAsync(ct)).ToLookup(h => h.PersonId, h => h.RoleId);
        var known = people.Select(p => new KnownPerson(p.Id, p.Name, p.Title, p.TimeZone, p.Notes,
            p.ContactMethods.Select(c => (c.Kind, Key(c.Kind, c.Value))).ToHashSet(), members[p.Id].ToHashSet(), holders[p.Id].ToHashSet())).ToList();
        var byEmail = new Dictionary<string, KnownPerson>(StringComparer.Ordinal);
        foreach (var person in known)
        {
            foreach (var (_, value) in person.Methods.Where(m => m.Kind == ContactMethodKind.Email))
            {
                byEmail.TryAdd(value, person);
            }
        }
        return new ImportDirectory
        {
            People = known,
            Teams = ByNameIgnoringCase(await db.Teams.AsNoTracking().Select(t => new NamedRef(t.Id, t.Name)).ToListAsync(ct)),
            Roles = ByNameIgnoringCase(await db.DirectoryRoles.AsNoTracking().Select(r => new NamedRef(r.Id, r.Name)).ToListAsync(ct)),
            ByEmail = byEmail,
            ByName = known.ToLookup(p => p.Name, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>Names are unique as stored; two that differ only in case resolve to the exact one first.</summary>
    private static Dictionary<string, NamedRef> ByNameIgnoringCase(List<NamedRef> refs)
    {
        var map = new Dictionary<string, NamedRef>(StringComparer.OrdinalIgnoreCase);
        foreach (var named in refs.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            map.TryAdd(named.Name, named);
        }
        return map;
    }

    /// <summary>How two values are compared: e-mail addresses ignoring case (as mail servers in practice do), numbers as stored (E.164).</summary>
    public static string Key(ContactMethodKind kind, string value) => kind == ContactMethodKind.Email ? value.ToLowerInvariant() : value;
}
