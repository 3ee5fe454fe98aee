using System.Globalization;
using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Teams;
using Lifeline.Drills;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Letters;

/// <summary>
/// Writes the organisation-wide emergency contact letter for a viewer, for the API, the page and the PDF alike. The
/// letter names people and gives their office phone and e-mail (cell numbers are on the Severity 1 contact list); those
/// values are in clear only for the roles entitled to them, and each such letter is recorded in the access log.
/// </summary>
public sealed class EmergencyContactLetter(LifelineDbContext db, ContactDataGuard guard, DrillService drills, IOptions<LetterOptions> options, TimeProvider time)
{
    public const string Purpose = "emergency contact letter";

    /// <summary>How many drills to come the letter lists (one per schedule, soonest first).</summary>
    public const int DrillsListed = 3;

    public async Task<ContactLetter> WriteAsync(Actor viewer, CancellationToken ct)
    {
        var settings = options.Value;
        var clear = viewer.SeesContactData;
        var now = time.GetUtcNow();

        var helpDesk = await HelpDeskAsync(db, ct);
        var roles = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).OrderBy(r => r.Name).ToListAsync(ct);
        var names = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.Title }).ToDictionaryAsync(p => p.Id, p => (p.Name, p.Title), ct);

        var hierarchyRoles = settings.HierarchyRoles
            .Select(name => roles.Find(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            .OfType<Role>().Distinct().ToList();
        // Labelled methods are few; read them and match the label here, the same way on both databases.
        var hotlineMethods = (await db.ContactMethods.AsNoTracking().Where(m => m.Label != null).ToListAsync(ct))
            .Where(m => m.IsPhone && m.Label!.Contains("hotline", StringComparison.OrdinalIgnoreCase)).ToList();
        var shownPeople = hierarchyRoles.SelectMany(r => r.Holders).Select(h => h.PersonId).Concat(hotlineMethods.Select(m => m.PersonId)).Distinct().ToList();
        var cards = await ContactCards.LoadAsync(db, shownPeople, clear, ct);

        var hierarchy = new List<HierarchyStep>();
        foreach (var role in hierarchyRoles)
        {
            var people = role.Holders.OrderBy(h => h.Position).Where(h => cards.ContainsKey(h.PersonId))
                .Select(h => cards[h.PersonId])
                // The letter goes to everyone: office lines and mailboxes, not cell phones (those are on the Level 1 sheet).
                .Select(c => c with { Contacts = [.. c.Contacts.Where(x => x.Kind is ContactMethodKind.OfficePhone or ContactMethodKind.Email)] })
                .ToList();
            hierarchy.Add(new HierarchyStep(hierarchy.Count + 2, role.Name, role.Responsibilities, people));
        }
        var hotlines = hotlineMethods.GroupBy(m => m.PersonId).Where(g => cards.ContainsKey(g.Key))
            .Select(g => cards[g.Key] with { Contacts = [.. g.OrderBy(m => m.Priority).Select(m => ContactCards.Show(m, clear))] })
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        var nextDrills = await NextDrillsAsync(now, ct);
        var letter = new ContactLetter(
            settings.Organisation,
            default,
            "",
            clear ? LetterEdition.Full : LetterEdition.General,
            helpDesk,
            hierarchy,
            await HoursAsync(now, ct),
            [.. (await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Level).ToListAsync(ct))
                .Select(l => new LetterSeverity(l.Level, l.Name, l.Definition, l.AcknowledgeWithinMinutes, l.StatusUpdateEveryMinutes, l.ResolveWithinMinutes, l.Procedure))],
            [.. roles.Select(r => new LetterRole(r.Name, r.Responsibilities,
                [.. r.Holders.OrderBy(h => h.Position).Where(h => names.ContainsKey(h.PersonId))
                    .Select(h => names[h.PersonId] is var (name, title) && title is not null ? $"{name}, {title}" : names[h.PersonId].Name)]))],
            Access(),
            await EscalationAsync(roles, names.ToDictionary(p => p.Key, p => p.Value.Name), ct),
            hotlines,
            string.IsNullOrWhiteSpace(settings.DataBackups) ? null : settings.DataBackups.Trim(),
            !string.IsNullOrWhiteSpace(settings.DrillSchedule) ? settings.DrillSchedule.Trim() : nextDrills.Count > 0 ? LetterWording.DrillsFromSchedules : LetterWording.NoDrills,
            !string.IsNullOrWhiteSpace(settings.DrillSchedule) || nextDrills.Count > 0,
            nextDrills);

        var shown = hierarchy.SelectMany(s => s.People).Concat(hotlines).Where(p => p.Contacts.Count > 0).Select(p => p.PersonId).ToList();
        if (clear && shown.Count > 0)
        {
            await guard.RecordDisclosureAsync(viewer, shown, Purpose, ct);
        }
        return letter with { GeneratedAt = now, Version = DocumentVersion.Of(letter) };
    }

    /// <summary>The next drill of each schedule that has one still ahead, soonest first, from the drill service's schedules.</summary>
    private async Task<IReadOnlyList<LetterDrill>> NextDrillsAsync(DateTimeOffset now, CancellationToken ct) =>
        [.. (await drills.SchedulesAsync(ct)).Where(s => s.NextRunAt is { } at && at > now).OrderBy(s => s.NextRunAt).Take(DrillsListed)
            .Select(s => new LetterDrill(s.NextRunAt!.Value, LocalTime(s.NextRunAt.Value, s.TimeZone), s.TimeZone, s.Name, s.ServiceName, s.PolicyName))];

    private static string LocalTime(DateTimeOffset at, string timeZone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Help Desk's own line and mailbox (the first help desk team): published, shown to everyone.</summary>
    internal static async Task<PublishedLine?> HelpDeskAsync(LifelineDbContext db, CancellationToken ct) =>
        await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.HelpDesk).OrderBy(t => t.Name).FirstOrDefaultAsync(ct) is { } team
            ? new PublishedLine(team.Name, team.Phone, team.Phone is null ? null : PhoneText.Display(team.Phone), team.Email, team.Description)
            : null;

    private async Task<LetterHours> HoursAsync(DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await ShiftCalendars.CurrentAsync(db, ct);
        var hours = calendar.Hours.GroupBy(h => h.Day).OrderBy(g => ((int)g.Key + 6) % 7)
            .Select(g => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(g.Key)} " +
                         string.Join(", ", g.Select(h => h.IsAroundTheClock ? "around the clock" : $"{h.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{BusinessHours.EndText(h.End)}")))
            .ToList();
        // This year's and later holidays: the list changes once a year, not every day, so the version stays put.
        var year = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone)).Year;
        var holidays = calendar.Holidays.Where(h => h.Date.Year >= year)
            .Select(h => $"{h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {h.Name}").ToList();
        return new LetterHours(calendar.TimeZone, hours, holidays);
    }

    private static LetterAccess Access()
    {
        var clear = LifelineRoles.ContactDataReaders.Select(LetterWording.AccountRole).ToList();
        var masked = LifelineRoles.All.Except(LifelineRoles.ContactDataReaders).Select(LetterWording.AccountRole).ToList();
        return new LetterAccess(clear, masked,
        [
            $"Personal phone numbers and e-mail addresses are shown in clear only to {string.Join(", ", clear)}. Every view in clear is recorded in the access log: who, when, from which address and why.",
            $"{string.Join(", ", masked)} see them masked (for example +1 ••• ••• 0147) and reach people through the Help Desk.",
            "The Severity 1 contact list is for Level 1 use only. It is in Lifeline at /contact-list, where every reveal is recorded, and printed from /contact-list/print.",
            "The Help Desk's line and mailbox, and other teams' shared lines, are published and shown to everyone.",
            "Only administrators change the directory, the severity table, escalation policies and accounts; every change is audited.",
            "A printed copy carries a version. Compare it with the version at /letter: if they differ, the copy is out of date and should be replaced.",
        ]);
    }

    private async Task<LetterEscalation> EscalationAsync(List<Role> roles, Dictionary<Guid, string> names, CancellationToken ct)
    {
        var policy = await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.IsDefault, ct);
        var tiers = new List<LetterTier>();
        if (policy is not null)
        {
            var name = await TargetNames.LoaderAsync(policy.Tiers.SelectMany(t => t.Targets), db, ct);
            foreach (var tier in policy.Tiers)
            {
                tiers.Add(new LetterTier(tiers.Count + 1, [.. tier.Targets.Select(t => Describe(t, name, roles, names))], tier.Channels, (int)tier.Wait.TotalMinutes));
            }
        }
        var notices = new List<string>();
        var plans = await db.CommunicationPlans.AsNoTracking().Where(p => p.IsEnabled).OrderBy(p => p.Name).ToListAsync(ct);
        foreach (var plan in plans)
        {
            var name = await TargetNames.LoaderAsync(plan.Rules.SelectMany(r => r.Recipients), db, ct);
            foreach (var rule in plan.Rules)
            {
                var notice = $"{LetterWording.Levels(plan.Severities)} — {LetterWording.Event(rule.Event)}{LetterWording.Shift(rule.Shift)}: " +
                             $"{string.Join(", ", rule.Recipients.Select(r => Describe(r, name, roles, names)))} by {LetterWording.Channel(rule.Channel)}" +
                             (rule.Fallback is { } fallback ? $" (if that fails, by {LetterWording.Channel(fallback)})" : "") + "." +
                             (rule.Instruction is { } instruction ? $" {instruction}" : "");
                notices.Add(notice);
            }
        }
        return new LetterEscalation(policy?.Name, policy?.Description, policy?.RepeatCount ?? 0, tiers, notices);
    }

    private static string Describe(EscalationTarget target, Func<EscalationTarget, Escalation.Policies.TargetView> name, List<Role> roles, Dictionary<Guid, string> names)
    {
        var text = name(target).Name;
        if (target.Kind == TargetKind.Role && roles.Find(r => r.Id == target.Id) is { Holders.Count: > 0 } role)
        {
            text += $" ({string.Join(", ", role.Holders.OrderBy(h => h.Position).Select(h => names.GetValueOrDefault(h.PersonId, "?")))})";
        }
        return text;
    }
}
