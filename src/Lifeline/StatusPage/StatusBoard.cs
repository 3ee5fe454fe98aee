using System.Text.RegularExpressions;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.StatusPage;

/// <summary>
/// The status page for stakeholders: the incidents going on now (drills left out) with their latest status-update text.
/// It carries no contact data: no incident manager, reporter, author or team is named, and a phone number or e-mail
/// address typed into an update's text is blanked, since the page is for people who may not see the directory's contacts.
/// </summary>
public sealed partial class StatusBoard(LifelineDbContext db, TimeProvider time)
{
    public const string Withheld = "[contact withheld]";

    public async Task<StatusPageView> CurrentAsync(CancellationToken ct)
    {
        var active = new[] { IncidentStatus.Open, IncidentStatus.Escalating, IncidentStatus.Acknowledged };
        var incidents = await (from i in db.Incidents.AsNoTracking()
                               join s in db.Services.AsNoTracking() on i.ServiceId equals s.Id
                               where !i.IsDrill && active.Contains(i.Status)
                               select new { i.Id, i.Number, Service = s.Name, i.Severity, i.Status, i.OpenedAt }).ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var updates = (await db.Set<StatusUpdate>().AsNoTracking().Where(u => ids.Contains(u.IncidentId))
                .Select(u => new { u.IncidentId, u.Text, u.PostedAt, u.ExpectedResolutionAt }).ToListAsync(ct))
            .GroupBy(u => u.IncidentId).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.PostedAt).First());
        var levels = await db.SeverityLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, l => l.Name, ct);
        var rows = incidents.OrderBy(i => i.Severity).ThenBy(i => i.OpenedAt).Select(i =>
        {
            var update = updates.GetValueOrDefault(i.Id);
            return new StatusPageIncident(i.Number, i.Service, i.Severity, levels.GetValueOrDefault(i.Severity) ?? $"Severity {i.Severity}", i.Status.ToString(), i.OpenedAt,
                update is null ? null : WithoutContacts(update.Text), update?.PostedAt, update?.ExpectedResolutionAt);
        }).ToList();
        return new StatusPageView(time.GetUtcNow(), rows);
    }

    /// <summary>Blanks e-mail addresses and phone numbers (seven digits or more, with the usual separators) in free text.</summary>
    public static string WithoutContacts(string text) => PhonePattern().Replace(EmailPattern().Replace(text, Withheld), Withheld);

    [GeneratedRegex(@"[^\s@<>()""',;:]+@[^\s@<>()""',;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[+(]?\d(?:[\s().\-/]*\d){6,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();
}
