using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.StatusPage;

/// <summary>
/// The status page for stakeholders: the incidents going on now (drills left out) with their latest status-update text.
/// It carries no contact data: no incident manager, reporter, author or team is named, and a phone number, e-mail
/// address or person's full name typed into an update's text is blanked (see <see cref="Redaction"/>), since the page is
/// for people who may not see the directory's contacts. The public page is the same, limited to the services an
/// administrator has put on it.
/// </summary>
public sealed class StatusBoard(LifelineDbContext db, TimeProvider time)
{
    public const string Withheld = Redaction.ContactWithheld;

    /// <summary>For anyone signed in: every service's current incidents.</summary>
    public Task<StatusPageView> CurrentAsync(CancellationToken ct) => ReadAsync(publicOnly: false, ct);

    /// <summary>For anyone at all: only the current incidents of services that are on the public status page.</summary>
    public Task<StatusPageView> PublicAsync(CancellationToken ct) => ReadAsync(publicOnly: true, ct);

    private async Task<StatusPageView> ReadAsync(bool publicOnly, CancellationToken ct)
    {
        var active = new[] { IncidentStatus.Open, IncidentStatus.Escalating, IncidentStatus.Acknowledged };
        var incidents = await (from i in db.Incidents.AsNoTracking()
                               join s in db.Services.AsNoTracking() on i.ServiceId equals s.Id
                               where !i.IsDrill && active.Contains(i.Status) && (!publicOnly || s.OnPublicStatusPage)
                               select new { i.Id, i.Number, Service = s.Name, i.Severity, i.Status, i.OpenedAt, i.ReporterName }).ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var updates = (await db.Set<StatusUpdate>().AsNoTracking().Where(u => ids.Contains(u.IncidentId))
                .Select(u => new { u.IncidentId, u.Text, u.PostedAt, u.ExpectedResolutionAt }).ToListAsync(ct))
            .GroupBy(u => u.IncidentId).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.PostedAt).First());
        // The directory is read only when there is text to blank names in.
        var redaction = updates.Count == 0 ? Redaction.ContactsOnly
            : Redaction.Of([.. await db.People.AsNoTracking().Select(p => p.Name).ToListAsync(ct), .. incidents.Select(i => i.ReporterName)]);
        var levels = await db.SeverityLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, l => l.Name, ct);
        var rows = incidents.OrderBy(i => i.Severity).ThenBy(i => i.OpenedAt).Select(i =>
        {
            var update = updates.GetValueOrDefault(i.Id);
            return new StatusPageIncident(i.Number, i.Service, i.Severity, levels.GetValueOrDefault(i.Severity) ?? $"Severity {i.Severity}", i.Status.ToString(), i.OpenedAt,
                update is null ? null : redaction.Apply(update.Text), update?.PostedAt, update?.ExpectedResolutionAt);
        }).ToList();
        return new StatusPageView(time.GetUtcNow(), rows);
    }

    /// <summary>Blanks e-mail addresses and phone numbers in free text (names need the directory: see <see cref="Redaction.Of"/>).</summary>
    public static string WithoutContacts(string text) => Redaction.ContactsOnly.Apply(text);
}
