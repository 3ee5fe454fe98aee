using Lifeline.Access;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Teams;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Letters;

/// <summary>
/// The Severity 1 contact list for the API, the console page, the print view and the PDF alike. Values are in clear
/// only when the viewer asks for them and holds one of <see cref="LifelineRoles.ContactDataReaders"/>; such a read is
/// recorded in the access log (one entry per person on the list) before the values are returned.
/// </summary>
public sealed class SeverityOneContactList(LifelineDbContext db, ContactDataGuard guard, TimeProvider time)
{
    public const string Purpose = "Severity 1 contact list";

    /// <param name="reveal">Whether the viewer asks for values in clear; granted only to contact data readers.</param>
    /// <param name="where">Where it is shown ("API", "console", "print", "PDF"), for the access log.</param>
    public async Task<ContactListSheet> ReadAsync(Actor viewer, bool reveal, string where, CancellationToken ct)
    {
        var clear = reveal && viewer.SeesContactData;
        var escalating = await db.SeverityLevels.AsNoTracking().Where(l => l.Procedure == SeverityProcedure.Escalation)
            .OrderBy(l => l.Level).Select(l => l.Level).ToListAsync(ct);
        var policies = await db.EscalationPolicies.AsNoTracking().ToListAsync(ct);
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Name, s.EscalationPolicyId, s.ServiceAreaId }).ToListAsync(ct);
        // The policies that page for a service: the default one and any a service names (a team's own policy pages Level 2, not the chain).
        var used = policies.Where(p => p.IsDefault || services.Exists(s => s.EscalationPolicyId == p.Id))
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var roles = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).ToDictionaryAsync(r => r.Id, ct);
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).ToDictionaryAsync(t => t.Id, ct);
        var areas = await db.ServiceAreas.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var plans = (await db.CommunicationPlans.AsNoTracking().Where(p => p.IsEnabled).OrderBy(p => p.Name).ToListAsync(ct))
            .Where(p => p.Severities.Any(escalating.Contains)).ToList();
        var allTargets = used.SelectMany(p => p.Tiers).SelectMany(t => t.Targets).Concat(plans.SelectMany(p => p.Rules).SelectMany(r => r.Recipients)).ToList();
        var name = await TargetNames.LoaderAsync(allTargets, db, ct);

        var personIds = allTargets.SelectMany(t => People(t, roles, teams)).Concat(areas.Select(a => a.ManagerId)).ToList();
        var cards = await ContactCards.LoadAsync(db, personIds, clear, ct);
        List<LetterContact> Cards(EscalationTarget target) => [.. People(target, roles, teams).Distinct().Where(cards.ContainsKey).Select(id => cards[id])];

        var chains = used.Select(policy => new ContactListChain(policy.Name, policy.IsDefault,
            [.. services.Where(s => s.EscalationPolicyId == policy.Id || (policy.IsDefault && s.EscalationPolicyId is null)).Select(s => s.Name)],
            policy.RepeatCount,
            [.. policy.Tiers.Select((tier, i) => new ContactListStep(i + 1,
                Capitalised(string.Join(" and ", tier.Targets.Select(t => name(t).Name))),
                tier.Channels,
                (int)tier.Wait.TotalMinutes,
                [.. tier.Targets.SelectMany(Cards).DistinctBy(c => c.PersonId)],
                Note(tier.Targets)))])).ToList();

        var listedAreas = areas.Where(a => cards.ContainsKey(a.ManagerId)).Select(a => new ContactListArea(a.Name, cards[a.ManagerId],
            [.. services.Where(s => s.ServiceAreaId == a.Id).Select(s => s.Name)], a.BridgeDialIn, a.BridgePin, a.BridgeLink)).ToList();

        // Who the communication plans tell, once per target, with when and how.
        var notify = new List<ContactListStep>();
        foreach (var target in plans.SelectMany(p => p.Rules).SelectMany(r => r.Recipients).Distinct())
        {
            var rules = plans.SelectMany(p => p.Rules).Where(r => r.Recipients.Contains(target)).ToList();
            var when = string.Join(" ", rules.Select(r => $"{LetterWording.Event(r.Event)}{LetterWording.Shift(r.Shift)}: {LetterWording.Channel(r.Channel)}." +
                                                           (r.Instruction is null ? "" : $" {r.Instruction}")));
            notify.Add(new ContactListStep(notify.Count + 1, name(target).Name, [.. rules.Select(r => r.Channel).Distinct()], null, Cards(target), when));
        }

        var sheet = new ContactListSheet(default, "", !clear, escalating, await EmergencyContactLetter.HelpDeskAsync(db, ct), chains, listedAreas, notify);
        if (clear)
        {
            await guard.RecordDisclosureAsync(viewer, cards.Keys, $"{Purpose} ({where})", ct);
        }
        return sheet with { GeneratedAt = time.GetUtcNow(), Version = DocumentVersion.Of(sheet) };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Note(IReadOnlyList<EscalationTarget> targets) =>
        targets.Any(t => t.Kind == TargetKind.ServiceAreaManager)
            ? "Call the manager of the affected service's area: see the service area managers below."
            : targets.Any(t => t.Kind == TargetKind.IncidentManager) ? "The incident manager named on the incident." : null;

    private static IEnumerable<Guid> People(EscalationTarget target, Dictionary<Guid, Role> roles, Dictionary<Guid, Team> teams) => target.Kind switch
    {
        TargetKind.Person => [target.Id!.Value],
        TargetKind.Role when roles.TryGetValue(target.Id!.Value, out var role) => role.Holders.OrderBy(h => h.Position).Select(h => h.PersonId),
        TargetKind.Team when teams.TryGetValue(target.Id!.Value, out var team) => team.Members.OrderByDescending(m => m.IsLead).Select(m => m.PersonId),
        _ => [],
    };
}
