using System.Globalization;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// Acknowledgements that come back through Twilio: an SMS reply ("4 123", "ACK 123", or the full
/// number) from a known cell phone, or 4 pressed during a voice page. The incident is acknowledged
/// through <see cref="IncidentService"/> (so the timeline says which channel), and when it already
/// was, a Level 2 page the person received is acknowledged for their team. Anything else gets a
/// polite answer and changes nothing.
/// </summary>
public sealed partial class TwilioReplies(LifelineDbContext db, IncidentService incidents, EscalationPlanner planner, CurrentActor actor, ILogger<TwilioReplies> logger)
{
    public const string SmsChannel = "SMS reply";
    public const string VoiceChannel = "voice keypress";

    public async Task<string> FromSmsAsync(string from, string body, CancellationToken ct)
    {
        var match = AckCode().Match(body);
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, out var code))
        {
            return "Lifeline: to acknowledge, reply 4 and the incident's number, e.g. 4 123. Nothing was changed.";
        }
        var person = await db.ContactMethods.AsNoTracking()
            .Where(m => m.Kind == ContactMethodKind.CellPhone && m.Value == from.Trim())
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.Name })
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            logger.LogInformation("An SMS acknowledgement came from a number that is no one's cell phone; nothing changed");
            return "Lifeline does not recognise this phone number, so nothing was changed. Please call the help desk.";
        }
        var suffix = "-" + code.ToString("D6", CultureInfo.InvariantCulture);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Number.EndsWith(suffix)).OrderByDescending(i => i.OpenedAt)
            .Select(i => new { i.Id, i.Number }).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return $"Lifeline has no incident {code}, so nothing was changed. Please check the number in the page.";
        }
        return await AcknowledgeAsync(incident.Id, incident.Number, person.Id, person.Name, SmsChannel, ct);
    }

    public async Task<string> FromKeypressAsync(Guid notificationId, string digits, CancellationToken ct)
    {
        if (digits.Trim() != "4")
        {
            return "No acknowledgement was recorded. Goodbye.";
        }
        var page = await db.Notifications.AsNoTracking().Where(n => n.Id == notificationId && n.IncidentId != null && n.PersonId != null)
            .Join(db.Incidents, n => n.IncidentId, i => i.Id, (n, i) => new { IncidentId = i.Id, i.Number, PersonId = n.PersonId!.Value })
            .Join(db.People, x => x.PersonId, p => p.Id, (x, p) => new { x.IncidentId, x.Number, x.PersonId, p.Name })
            .FirstOrDefaultAsync(ct);
        if (page is null)
        {
            return "This call is not about an incident Lifeline knows. Nothing was changed. Goodbye.";
        }
        return await AcknowledgeAsync(page.IncidentId, page.Number, page.PersonId, page.Name, VoiceChannel, ct);
    }

    private async Task<string> AcknowledgeAsync(Guid incidentId, string number, Guid personId, string name, string channel, CancellationToken ct)
    {
        actor.ActAs(name);
        var outcome = await incidents.AcknowledgeAsync(number, personId, name, channel, ct);
        if (outcome.Incident is not null)
        {
            return $"Thank you, {name}. {number} is acknowledged and paging has stopped.";
        }
        // Already acknowledged by the incident manager: this may be a Level 2 responder answering their team's page.
        var teamIds = await db.Notifications.AsNoTracking()
            .Where(n => n.IncidentId == incidentId && n.PersonId == personId && n.EscalationRunId != null)
            .Join(db.EscalationRuns, n => n.EscalationRunId, r => r.Id, (n, r) => r)
            .Where(r => r.TeamId != null && r.State == EscalationRunState.Active)
            .Select(r => r.TeamId!.Value).Distinct().ToListAsync(ct);
        var acknowledged = false;
        foreach (var teamId in teamIds)
        {
            acknowledged |= await planner.AcknowledgeRunAsync(incidentId, teamId, name, channel, ct);
        }
        if (acknowledged)
        {
            await db.SaveChangesAsync(ct);
            return $"Thank you, {name}. Your team's page for {number} is acknowledged; please join the bridge.";
        }
        var status = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Status).FirstAsync(ct);
        return $"{number} is {status}, so nothing was changed.";
    }

    [GeneratedRegex(@"^\s*(?:4|ACK)\b[\s:#-]*(?:INC-\d{4}-)?(?<n>\d{1,12})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AckCode();
}
