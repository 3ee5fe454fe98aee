using System.Globalization;
using System.Runtime.ExceptionServices;
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
public sealed class MessageRenderer(LifelineDbContext db, AckLinks links, StoredLinks storedLinks) : IMessageRenderer
{
    public const string DrillPrefix = "[DRILL] ";
    public const string IncidentManager1Role = "Incident Manager 1";

    public async Task<RenderedMessage> RenderAsync(Notification notification, CancellationToken ct)
    {
        var rendering = (await RenderAllAsync([notification], ct))[0];
        if (rendering.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
        return rendering.Message!;
    }

    /// <summary>
    /// Reads what the notifications need in one query per kind of thing (templates, incidents,
    /// people, teams ...) rather than per notification, then renders each: a dispatch claim of a
    /// few hundred costs a handful of queries.
    /// </summary>
    public async Task<IReadOnlyList<Rendering>> RenderAllAsync(IReadOnlyList<Notification> notifications, CancellationToken ct)
    {
        var known = await KnownAsync(notifications, [], ct);
        var results = new List<Rendering>(notifications.Count);
        // A template that ran out of time once is not tried again in this batch: each try would hold up the
        // pages after it by as long again.
        var outOfTime = new Dictionary<string, RenderLimitException>(StringComparer.Ordinal);
        foreach (var notification in notifications)
        {
            if (outOfTime.TryGetValue(notification.Template, out var slow))
            {
                results.Add(new Rendering(null, slow));
                continue;
            }
            try
            {
                results.Add(new Rendering(Render(notification, known), null));
            }
            catch (Exception e)
            {
                if (e is RenderLimitException { OutOfTime: true } limit)
                {
                    outOfTime[notification.Template] = limit;
                }
                results.Add(new Rendering(null, e));
            }
        }
        return results;
    }

    /// <summary>What a template sees for an incident (null: a message about no incident, such as a test message).</summary>
    public async Task<TemplateModel> ModelAsync(Incident? incident, Guid? statusUpdateId, Person? recipient, Team? team, string? instruction, CancellationToken ct) =>
        Model(incident, statusUpdateId, recipient, team, instruction, await KnownAsync([], incident is null ? [] : [incident], ct)) is var model && incident is not null
            ? model with { IncidentLink = links.IncidentUrl(incident.Number) }
            : model;

    private RenderedMessage Render(Notification notification, Known known)
    {
        var template = known.Templates.GetValueOrDefault(notification.Template)
            ?? throw new InvalidOperationException($"No message template '{notification.Template}'.");
        var incident = notification.IncidentId is { } incidentId ? known.Incidents.GetValueOrDefault(incidentId) : null;
        var recipient = notification.PersonId is { } personId ? known.People.GetValueOrDefault(personId) : null;
        var teamId = notification.TeamId ?? (notification.EscalationRunId is { } runId ? known.RunTeams.GetValueOrDefault(runId) : null);
        var team = teamId is { } t ? known.Teams.GetValueOrDefault(t) : null;
        var model = Model(incident, notification.StatusUpdateId, recipient, team, notification.Instruction, known);
        if (incident is not null)
        {
            model = model with { IncidentLink = links.IncidentUrl(incident.Number) };
        }
        if (incident is not null && recipient is not null && TemplateKeys.IsPage(notification.Template))
        {
            model = model with { AckLink = links.UrlFor(new AckLinkPayload(notification.Id, incident.Id, recipient.Id, team?.Id, notification.CreatedAt)) };
        }
        if (notification.Link is { } stored && storedLinks.Reveal(stored) is { } link)
        {
            // A verification message's protected value is its code, not a link.
            model = notification.Template == TemplateKeys.VerificationCode ? model with { VerificationCode = link } : model with { SurveyLink = link };
        }
        return Render(template, model);
    }

    private static TemplateModel Model(Incident? incident, Guid? statusUpdateId, Person? recipient, Team? team, string? instruction, Known known)
    {
        var zone = Zone(recipient?.TimeZone);
        if (incident is null)
        {
            return new TemplateModel(new(null, null, null, null, null, null, false), new(null), new(null, null, null), TemplateModel.NoContact,
                Contact(recipient), known.HelpDesk, TeamPart(team), new(null, null, null), instruction, null, null, null);
        }
        var update = statusUpdateId is { } id
            ? incident.StatusUpdates.FirstOrDefault(u => u.Id == id)
            : incident.StatusUpdates.OrderByDescending(u => u.PostedAt).FirstOrDefault();
        var managerId = incident.IncidentManagerId ?? known.IncidentManager1;
        return new TemplateModel(
            new(incident.Number, incident.Title, incident.Severity, known.SeverityNames.GetValueOrDefault(incident.Severity), incident.Status.ToString(),
                incident.ResolutionSummary, incident.IsDrill),
            new(known.ServiceNames.GetValueOrDefault(incident.ServiceId)),
            new(update?.Text, update?.IsolatedTo, update?.ExpectedResolutionAt is { } at ? When(at, zone) : null),
            Contact(managerId is { } m ? known.People.GetValueOrDefault(m) : null),
            Contact(recipient),
            known.HelpDesk,
            TeamPart(team),
            new(DisplayPhone(incident.BridgeDialIn), incident.BridgePin, incident.BridgeLink),
            instruction,
            null,
            AckCode(incident.Number),
            null);
    }

    /// <summary>What the templates of these notifications, or these incidents, may name, read once for all of them.</summary>
    private async Task<Known> KnownAsync(IReadOnlyList<Notification> notifications, IReadOnlyList<Incident> given, CancellationToken ct)
    {
        var keys = notifications.Select(n => n.Template).Distinct().ToList();
        var templates = keys.Count == 0 ? [] : await db.MessageTemplates.AsNoTracking().Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, ct);
        var incidentIds = notifications.Select(n => n.IncidentId).OfType<Guid>().Distinct().ToList();
        var incidents = incidentIds.Count == 0 ? []
            : await db.Incidents.AsNoTracking().Include(i => i.StatusUpdates).Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var incident in given)
        {
            incidents[incident.Id] = incident;
        }
        var runIds = notifications.Where(n => n.TeamId is null).Select(n => n.EscalationRunId).OfType<Guid>().Distinct().ToList();
        var runTeams = runIds.Count == 0 ? []
            : await db.EscalationRuns.Where(r => runIds.Contains(r.Id)).Select(r => new { r.Id, r.TeamId }).ToDictionaryAsync(r => r.Id, r => r.TeamId, ct);
        var teamIds = notifications.Select(n => n.TeamId ?? (n.EscalationRunId is { } run ? runTeams.GetValueOrDefault(run) : null)).OfType<Guid>().Distinct().ToList();
        var teams = teamIds.Count == 0 ? [] : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var serviceIds = incidents.Values.Select(i => i.ServiceId).Distinct().ToList();
        var services = serviceIds.Count == 0 ? []
            : await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var levels = incidents.Values.Select(i => i.Severity).Distinct().ToList();
        var severities = levels.Count == 0 ? []
            : (await db.SeverityLevels.AsNoTracking().Where(l => levels.Contains(l.Level)).Select(l => new { l.Level, l.Name }).ToListAsync(ct))
                .GroupBy(l => l.Level).ToDictionary(g => g.Key, g => g.First().Name);
        // Before an incident manager is named, whoever holds Incident Manager 1 first signs the notices.
        var manager1 = incidents.Values.Any(i => i.IncidentManagerId is null)
            ? await (from r in db.DirectoryRoles
                     from h in r.Holders
                     where r.Name == IncidentManager1Role
                     orderby h.Position
                     select (Guid?)h.PersonId).FirstOrDefaultAsync(ct)
            : null;
        var personIds = notifications.Select(n => n.PersonId).Concat(incidents.Values.Select(i => i.IncidentManagerId ?? manager1)).OfType<Guid>().Distinct().ToList();
        var people = personIds.Count == 0 ? []
            : await db.People.AsNoTracking().Include(p => p.ContactMethods).Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var helpDesk = await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.HelpDesk).OrderBy(t => t.Name).FirstOrDefaultAsync(ct);
        return new Known(templates, incidents, people, runTeams, teams, services, severities, manager1, TeamPart(helpDesk));
    }

    private sealed record Known(
        Dictionary<string, MessageTemplate> Templates,
        Dictionary<Guid, Incident> Incidents,
        Dictionary<Guid, Person> People,
        Dictionary<Guid, Guid?> RunTeams,
        Dictionary<Guid, Team> Teams,
        Dictionary<Guid, string> ServiceNames,
        Dictionary<int, string> SeverityNames,
        Guid? IncidentManager1,
        TemplateModel.TeamPart HelpDesk);

    /// <summary>
    /// Renders the four parts within <see cref="RenderLimits.Time"/> together; throws <see cref="TemplateException"/> when a
    /// part is broken and <see cref="RenderLimitException"/> when it runs into a limit.
    /// </summary>
    public static RenderedMessage Render(MessageTemplate template, TemplateModel model)
    {
        LiquidTemplates.WarmUp();
        // Wall-clock time on purpose, not the injected TimeProvider: this bounds CPU spent now, whatever the clock says.
        using var deadline = new CancellationTokenSource(RenderLimits.Time, TimeProvider.System);
        string Part(TemplatePart part, string source) => LiquidTemplates.Render($"{template.Key} {part.Name}", source, model, part, deadline.Token);
        var subject = Part(TemplatePart.Subject, template.Subject).Trim();
        var text = Part(TemplatePart.Text, template.TextBody).Trim() + "\n";
        var html = template.HtmlBody is { } h ? Part(TemplatePart.Html, h) : null;
        var shortForm = Part(TemplatePart.ShortForm, template.ShortForm).Trim();
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
        return new RenderedMessage(subject, text, html ?? HtmlFromText(text), shortForm, model.IncidentLink);
    }

    /// <summary>
    /// The code an SMS reply carries: the incident's year and sequence (INC-2026-000123 → "4 2026-123"), enough to name
    /// one incident whatever the year, and short enough to type at 3 a.m. The reply counts only from the phone the page went to.
    /// </summary>
    public static string? AckCode(string number)
    {
        var parts = number.Split('-');
        var digits = parts[^1].TrimStart('0');
        return parts.Length == 3 && parts[1].Length == 4 && parts[1].All(char.IsAsciiDigit) && digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"4 {parts[1]}-{digits}"
            : null;
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

    private static TemplateModel.TeamPart TeamPart(Team? team) =>
        team is null ? TemplateModel.NoTeam : new(team.Name, DisplayPhone(team.Phone), team.Email);

    private static TemplateModel.ContactPart Contact(Person? person)
    {
        if (person is null)
        {
            return TemplateModel.NoContact;
        }
        string? First(ContactMethodKind kind) => person.ContactMethods.Where(c => c.Kind == kind).OrderBy(c => c.Priority).ThenBy(c => c.Id).Select(c => c.Value).FirstOrDefault();
        return new(person.Name, person.Title, DisplayPhone(First(ContactMethodKind.OfficePhone)), DisplayPhone(First(ContactMethodKind.CellPhone)), First(ContactMethodKind.Email),
            person.Id);
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
