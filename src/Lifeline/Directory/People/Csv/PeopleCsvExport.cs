using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.People.Csv;

/// <summary>
/// The directory's people as a CSV file in the columns the import reads, so an exported file edited in a spreadsheet
/// imports back. Contact values go through <see cref="ContactDataGuard"/>: in clear only for roles entitled to them, and
/// then every person in the file is in the access log. Chat and generic webhooks are not in the file (no column).
/// </summary>
public sealed class PeopleCsvExport(LifelineDbContext db, ContactDataGuard guard)
{
    public async Task<Outcome<string>> ExportAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "export the directory") is { } refused)
        {
            return refused;
        }
        var people = await db.People.AsNoTracking().Include(p => p.ContactMethods).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var teams = (await db.TeamMembers.AsNoTracking().Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.PersonId, t.Name }).ToListAsync(ct))
            .ToLookup(m => m.PersonId, m => m.Name);
        var roles = (await db.RoleHolders.AsNoTracking().Join(db.DirectoryRoles, h => h.RoleId, r => r.Id, (h, r) => new { h.PersonId, r.Name }).ToListAsync(ct))
            .ToLookup(h => h.PersonId, h => h.Name);
        // Logged before a value leaves: a value that was shown is a value that was logged.
        await guard.RecordDisclosureAsync(actor, people.Where(p => p.ContactMethods.Count > 0).Select(p => p.Id), "directory CSV export", ct);
        return PeopleCsv.Write(people.Select(p => (IReadOnlyList<string>)
        [
            PeopleCsv.Escape(p.Name),
            PeopleCsv.Escape(p.Title),
            p.TimeZone,
            PeopleCsv.Escape(string.Join("; ", teams[p.Id].Order(StringComparer.Ordinal))),
            PeopleCsv.Escape(string.Join("; ", roles[p.Id].Order(StringComparer.Ordinal))),
            Values(actor, p, ContactMethodKind.Email),
            Values(actor, p, ContactMethodKind.OfficePhone),
            Values(actor, p, ContactMethodKind.CellPhone),
            PeopleCsv.Escape(p.Notes),
        ]));
    }

    /// <summary>
    /// Stored numbers are E.164 and addresses are checked, so neither can carry a formula: written as they are, so that
    /// a phone keeps its plus sign when the file comes back.
    /// </summary>
    private static string Values(Actor viewer, Person person, ContactMethodKind kind) =>
        string.Join("; ", person.ContactMethods.Where(c => c.Kind == kind).OrderBy(c => c.Priority).Select(c => ContactDataGuard.Show(viewer, kind, c.Value)));
}
