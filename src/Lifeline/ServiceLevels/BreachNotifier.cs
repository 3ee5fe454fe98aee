using Lifeline.Directory.Teams;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.ServiceLevels;

/// <summary>
/// Tells the people who answer for a service level that it was breached: the incident's manager and the help desk lead.
/// There is no "help desk lead" role in the directory; the lead is whoever is marked lead of a help desk team
/// (<see cref="TeamKind.HelpDesk"/>, the seed's IT Help Desk, whose lead is its manager). Each breach is keyed by its
/// <see cref="ServiceLevelResult"/>, so the outbox's idempotency key sends it once however often the engine runs; a breach
/// judged again under a new severity is a new result and a new breach. Saves nothing: the caller's unit of work does.
/// </summary>
public sealed class BreachNotifier(LifelineDbContext db, NotificationOutbox outbox, IncidentTimeline timeline)
{
    private static readonly NotificationChannel[] Channels = [NotificationChannel.Sms, NotificationChannel.Email];

    public async Task NotifyAsync(Incident incident, ServiceLevelResult result, string breach, CancellationToken ct)
    {
        if (result.DueAt < incident.RecordedAt)
        {
            // Entered afterwards from the manual log: the target had passed before Lifeline knew of the incident. The
            // breach is recorded and counts in the reports, but telling people now of a past they lived through is noise.
            return;
        }
        var recipients = new List<(Guid PersonId, string Why)>();
        if (incident.IncidentManagerId is { } managerId)
        {
            recipients.Add((managerId, "incident manager"));
        }
        var leads = await (from m in db.Set<TeamMember>().AsNoTracking()
                           join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                           where t.Kind == TeamKind.HelpDesk && m.IsLead
                           orderby t.Name
                           select m.PersonId).ToListAsync(ct);
        recipients.AddRange(leads.Where(id => recipients.All(r => r.PersonId != id)).Select(id => (id, "help desk lead")));

        var ids = recipients.Select(r => r.PersonId).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var told = new List<string>();
        foreach (var (personId, why) in recipients)
        {
            var name = names.GetValueOrDefault(personId) ?? "a deleted person";
            var sent = new List<NotificationChannel>();
            foreach (var channel in Channels)
            {
                var request = new OutboxRequest($"sla-breach:{result.Id:N}", incident.Id, null, personId, name, channel, TemplateKeys.TargetBreached, Instruction: breach);
                if (await outbox.EnqueueAsync(request, ct) is not null)
                {
                    sent.Add(channel);
                }
            }
            if (sent.Count > 0)
            {
                told.Add($"{name} ({why}) by {string.Join(", ", sent)}");
            }
        }
        var text = told.Count > 0
            ? $"Breach of the {result.Target.ToString().ToLowerInvariant()} target reported to {string.Join("; ", told)}."
            : $"Breach of the {result.Target.ToString().ToLowerInvariant()} target: nobody to report it to (no incident manager named, no help desk lead reachable).";
        timeline.Append(incident.Id, ServiceLevelTimelineKinds.BreachNotified, text, "engine");
    }
}
