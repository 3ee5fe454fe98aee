using System.Globalization;
using System.Net;
using System.Text;
using Lifeline.Directory.People;
using Lifeline.Directory.Teams;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Links;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Templates;

/// <summary>
/// Turns an outbox notification into words: reads the incident, its service, the status update the
/// notification is about (or the latest), the recipient, the incident manager (or whoever holds
/// Incident Manager 1), the help desk and the bridge, and renders the notification's template.
/// Two things are added here rather than left to templates an admin may edit: the recipient's
/// instruction, which must never be lost, and the [DRILL] mark, which must never be missing.
/// </summary>
public sealed class MessageRenderer(LifelineDbContext db, AckLinks links) : IMessageRenderer
{
    public const string DrillPrefix = "[DRILL] ";
    public const string IncidentManager1Role = "Incident Manager 1";

    public async Task<RenderedMessage> RenderAsync(Notification notification, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == notification.Template, ct)
            ?? throw new InvalidOperationException($"No message template '{notification.Template}'.");
        var incident = notification.IncidentId is { } incidentId
            ? await db.Incidents.AsNoTracking().Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Id == incidentId, ct)
            : null;
        var recipient = notification.PersonId is { } personId
            ? await db.People.AsNoTracking().Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == personId, ct)
            : null;
        var teamId = notification.TeamId;
        if (teamId is null && notification.EscalationRunId is { } runId)
        {
            teamId = await db.EscalationRuns.Where(r => r.Id == runId).Select(r => r.TeamId).FirstOrDefaultAsync(ct);
        }
        var team = teamId is { } t ? await db.Teams.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null;
        var model = await ModelAsync(incident, notification.StatusUpdateId, recipient, team, notification.Instruction, ct);
        if (incident is not null && recipient is not null && TemplateKeys.IsPage(notification.Template))
        {
            model = model with { AckLink = links.UrlFor(new AckLinkPayload(notification.Id, incident.Id, recipient.Id, team?.Id, notification.CreatedAt)) };
        }
        if (notification.Link is { } link)
        {
            model = model with { SurveyLink = link };
        }
        return Render(template, model);
    }

    /// <summary>What a template sees for an incident (null: a message about no incident, such as a test message).</summary>
    public async Task<TemplateModel> ModelAsync(Incident? incident, Guid? statusUpdateId, Person? recipient, Team? team, string? instruction, CancellationToken ct)
    {
        var zone = Zone(recipient?.TimeZone);
        if (incident is null)
        {
            return new TemplateModel(new(null, null, null, null, null, null, false), new(null), new(null, null, null), TemplateModel.NoContact,
                Contact(recipient), await HelpDeskAsync(ct), TeamPart(team), new(null, null, null), instruction, null, null, null);
        }
        var service = await db.Services.AsNoTracking().Where(s => s.Id == incident.ServiceId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        var severityName = await db.SeverityLevels.AsNoTracking().Where(l => l.Level == incident.Severity).Select(l => l.Name).FirstOrDefaultAsync(ct);
        var update = statusUpdateId is { } id
            ? incident.StatusUpdates.FirstOrDefault(u => u.Id == id)
            : incident.StatusUpdates.OrderByDescending(u => u.PostedAt).FirstOrDefault();
        return new TemplateModel(
            new(incident.Number, incident.Title, incident.Severity, severityName, incident.Status.ToString(), incident.ResolutionSummary, incident.IsDrill),
            new(service),
            new(update?.Text, update?.IsolatedTo, update?.ExpectedResolutionAt is { } at ? When(at, zone) : null),
            Contact(await ManagerAsync(incident, ct)),
            Contact(recipient),
            await HelpDeskAsync(ct),
            TeamPart(team),
            new(DisplayPhone(incident.BridgeDialIn), incident.BridgePin, incident.BridgeLink),
            instruction,
            null,
            AckCode(incident.Number),
            null);
    }

    /// <summary>Renders the four parts; throws <see cref="TemplateException"/> when a part is broken.</summary>
    public static RenderedMessage Render(MessageTemplate template, TemplateModel model)
    {
        var subject = LiquidTemplates.Render($"{template.Key} subject", template.Subject, model).Trim();
        var text = LiquidTemplates.Render($"{template.Key} text", template.TextBody, model).Trim() + "\n";
        var html = template.HtmlBody is { } h ? LiquidTemplates.Render($"{template.Key} HTML", h, model) : null;
        var shortForm = LiquidTemplates.Render($"{template.Key} short form", template.ShortForm, model).Trim();
        if (model.Instruction is { Length: > 0 } instruction)
        {
            if (!text.Contains(instruction, StringComparison.Ordinal))
            {
                text = $"{instruction}\n\n{text}";
            }
            if (!shortForm.Contains(instruction, StringComparison.Ordinal))
            {
                shortForm = $"{shortForm} {instruction}";
            }
            if (html is not null && !html.Contains(WebUtility.HtmlEncode(instruction), StringComparison.Ordinal))
            {
                html = $"<p><strong>{WebUtility.HtmlEncode(instruction)}</strong></p>\n{html}";
            }
        }
        if (model.Incident.IsDrill)
        {
            subject = DrillPrefix + subject;
            text = DrillPrefix + text;
            shortForm = DrillPrefix + shortForm;
            html = html is null ? null : $"<p><strong>{DrillPrefix.Trim()}</strong></p>\n{html}";
        }
        return new RenderedMessage(subject, text, html ?? HtmlFromText(text), shortForm);
    }

    /// <summary>The code an SMS reply carries: the incident number's sequence without leading zeros (INC-2026-000123 → "4 123").</summary>
    public static string? AckCode(string number)
    {
        var digits = number.Split('-')[^1].TrimStart('0');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? $"4 {digits}" : null;
    }

    /// <summary>Plain paragraphs, with links made clickable: the text stays the one source of the words.</summary>
    private static string HtmlFromText(string text)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
        foreach (var paragraph in text.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = paragraph.Split('\n').Select(line =>
            {
                var encoded = WebUtility.HtmlEncode(line);
                return Uri.TryCreate(line.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? $"<a href=\"{encoded.Trim()}\">{encoded.Trim()}</a>"
                    : System.Text.RegularExpressions.Regex.Replace(encoded, @"https?://[^\s<]+", m => $"<a href=\"{m.Value}\">{m.Value}</a>");
            });
            html.Append("<p>").AppendJoin("<br>\n", lines).Append("</p>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The incident manager; before one is named, whoever holds Incident Manager 1 first signs the notices.</summary>
    private async Task<Person?> ManagerAsync(Incident incident, CancellationToken ct)
    {
        var id = incident.IncidentManagerId ?? await (from r in db.DirectoryRoles
                                                      from h in r.Holders
                                                      where r.Name == IncidentManager1Role
                                                      orderby h.Position
                                                      select (Guid?)h.PersonId).FirstOrDefaultAsync(ct);
        return id is { } personId ? await db.People.AsNoTracking().Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == personId, ct) : null;
    }

    private async Task<TemplateModel.TeamPart> HelpDeskAsync(CancellationToken ct)
    {
        var helpDesk = await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.HelpDesk).OrderBy(t => t.Name).FirstOrDefaultAsync(ct);
        return TeamPart(helpDesk);
    }

    private static TemplateModel.TeamPart TeamPart(Team? team) =>
        team is null ? TemplateModel.NoTeam : new(team.Name, DisplayPhone(team.Phone), team.Email);

    private static TemplateModel.ContactPart Contact(Person? person)
    {
        if (person is null)
        {
            return TemplateModel.NoContact;
        }
        string? First(ContactMethodKind kind) => person.ContactMethods.Where(c => c.Kind == kind).OrderBy(c => c.Priority).ThenBy(c => c.Id).Select(c => c.Value).FirstOrDefault();
        return new(person.Name, person.Title, DisplayPhone(First(ContactMethodKind.OfficePhone)), DisplayPhone(First(ContactMethodKind.CellPhone)), First(ContactMethodKind.Email));
    }

    /// <summary>North American numbers the way the seed writes them (860-555-0106); others in E.164.</summary>
    public static string? DisplayPhone(string? e164) =>
        e164 is { Length: 12 } n && n.StartsWith("+1", StringComparison.Ordinal) && n[2..].All(char.IsAsciiDigit)
            ? $"{n[2..5]}-{n[5..8]}-{n[8..]}"
            : e164;

    private static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd, MMMM d, yyyy h:mm tt", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
