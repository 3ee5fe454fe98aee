using System.Globalization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Templates;

/// <summary>
/// The message templates, for the API and the console alike: reading, changing (the actor passed in is audited
/// and named as the template's last editor) and previewing. Also puts the default templates into every database
/// (not only demo ones: the engine cannot send a page without them). Only missing keys are added, so an admin's
/// edits survive every restart and a template added in a later version appears on its own.
/// </summary>
public sealed class TemplateCatalogue(LifelineDbContext db, MessageRenderer renderer, CurrentActor current, ContactDataGuard guard, TimeProvider time,
    ILogger<TemplateCatalogue> logger)
{
    public async Task SeedMissingAsync(CancellationToken ct)
    {
        var present = await db.MessageTemplates.Select(t => t.Key).ToListAsync(ct);
        var missing = DefaultTemplates.All.Where(d => !present.Contains(d.Key)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        current.ActAs("template catalogue");
        var now = time.GetUtcNow();
        db.MessageTemplates.AddRange(missing.Select(d => new MessageTemplate(d.Key, d.Description, d.Subject, d.TextBody, null, d.ShortForm, "template catalogue", now)));
        await db.SaveChangesAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Loaded {Count} default message templates: {Keys}", missing.Count, string.Join(", ", missing.Select(d => d.Key)));
        }
    }

    public async Task<IReadOnlyList<MessageTemplateView>> ListAsync(CancellationToken ct) =>
        (await db.MessageTemplates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<MessageTemplateView>> GetAsync(string key, CancellationToken ct) =>
        await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { } found ? View(found) : Refusal.NotFound("template", key);

    /// <summary>Changes a template; syntax errors and unknown variables are refused with the line, and then nothing is stored.</summary>
    public async Task<Outcome<MessageTemplateView>> UpdateAsync(Actor actor, string key, MessageTemplateRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change message templates") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var found = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (found is null)
        {
            return Refusal.NotFound("template", key);
        }
        var v = new Validator().Required("subject", request.Subject, 1000).Required("textBody", request.TextBody, 20000)
            .Optional("htmlBody", request.HtmlBody, 40000).Required("shortForm", request.ShortForm, 2000);
        foreach (var (part, source) in new[] { (TemplatePart.Subject, request.Subject), (TemplatePart.Text, request.TextBody), (TemplatePart.Html, request.HtmlBody), (TemplatePart.ShortForm, request.ShortForm) })
        {
            if (!string.IsNullOrEmpty(source) && (LiquidTemplates.Check(source)?.ToString() ?? TrialRender(key, part, source)) is { } problem)
            {
                v.Add(part.Field, problem);
            }
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        found.Update(request.Subject!, request.TextBody!, request.HtmlBody, request.ShortForm!, actor.Name, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return View(found);
    }

    /// <summary>Renders a template against a sample incident, or against a real one when <see cref="TemplatePreviewRequest.IncidentNumber"/> is given.</summary>
    /// <remarks>
    /// A real incident brings its incident manager's phone numbers and address: shown in clear only to a viewer entitled
    /// to contact data, and then recorded in the access log; masked for anyone else.
    /// </remarks>
    public async Task<Outcome<TemplatePreviewView>> PreviewAsync(Actor actor, string key, TemplatePreviewRequest? request, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        if (template is null)
        {
            return Refusal.NotFound("template", key);
        }
        if (request is not null && Draft(template, request) is var (draft, problems))
        {
            if (problems is not null)
            {
                return problems;
            }
            template = draft;
        }
        var model = TemplateModel.Sample();
        var against = "a sample incident";
        if (request?.IncidentNumber is { Length: > 0 } number)
        {
            var incident = await db.Incidents.AsNoTracking().Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Number == number, ct);
            if (incident is null)
            {
                return Refusal.Invalid("incidentNumber", $"No incident with number '{number}'.");
            }
            // The real incident's values; the recipient, team and links stay the sample's, since a preview goes to no one.
            var real = await renderer.ModelAsync(incident, null, null, null, null, ct);
            model = real with { Recipient = model.Recipient, Team = model.Team, AckLink = model.AckLink, SurveyLink = model.SurveyLink };
            if (real.Manager.PersonId is { } managerId)
            {
                if (actor.SeesContactData)
                {
                    await guard.RecordDisclosureAsync(actor, [managerId], $"template preview of {key} against {number}", ct);
                }
                else
                {
                    model = model with { Manager = MaskedContact(real.Manager) };
                }
            }
            against = number;
        }
        try
        {
            var rendered = MessageRenderer.Render(template, model);
            return new TemplatePreviewView(rendered.Subject, rendered.Text, rendered.Html, rendered.Short, against);
        }
        catch (Exception e) when (e is TemplateException or RenderLimitException)
        {
            return Refusal.Invalid("template", e.Message);
        }
    }

    /// <summary>
    /// Puts a template back to the text Lifeline ships with (audited like any change); a template Lifeline does not ship
    /// has no default and is refused.
    /// </summary>
    public async Task<Outcome<MessageTemplateView>> ResetAsync(Actor actor, string key, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change message templates") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var found = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (found is null)
        {
            return Refusal.NotFound("template", key);
        }
        if (DefaultTemplates.All.FirstOrDefault(d => d.Key == key) is not { } shipped)
        {
            return Refusal.Invalid("key", $"Lifeline ships no default for the template '{key}'.");
        }
        if (!IsDefault(found))
        {
            found.Update(shipped.Subject, shipped.TextBody, null, shipped.ShortForm, actor.Name, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return View(found);
    }

    /// <summary>
    /// The stored template with the draft's parts in place of its own, unsaved; or the draft's problems by field, each with
    /// its line, as saving it would give them. Null when the request carries no draft part.
    /// </summary>
    private static (MessageTemplate Draft, Refusal? Problems)? Draft(MessageTemplate stored, TemplatePreviewRequest request)
    {
        if (request is { Subject: null, TextBody: null, HtmlBody: null, ShortForm: null })
        {
            return null;
        }
        var draft = new MessageTemplate(stored.Key, stored.Description, request.Subject ?? stored.Subject, request.TextBody ?? stored.TextBody,
            request.HtmlBody ?? stored.HtmlBody, request.ShortForm ?? stored.ShortForm, stored.UpdatedBy, stored.UpdatedAt);
        var v = new Validator();
        foreach (var (part, source) in new[] { (TemplatePart.Subject, request.Subject), (TemplatePart.Text, request.TextBody), (TemplatePart.Html, request.HtmlBody), (TemplatePart.ShortForm, request.ShortForm) })
        {
            if (!string.IsNullOrEmpty(source) && LiquidTemplates.Check(source) is { } problem)
            {
                v.Add(part.Field, problem.ToString());
            }
        }
        return (draft, v.IsValid ? null : Refusal.Invalid(v.Errors));
    }

    private static bool IsDefault(MessageTemplate t) => DefaultTemplates.All.FirstOrDefault(d => d.Key == t.Key) is { } shipped
        && t.Subject == shipped.Subject && t.TextBody == shipped.TextBody && t.HtmlBody is null && t.ShortForm == shipped.ShortForm;

    private static TemplateModel.ContactPart MaskedContact(TemplateModel.ContactPart c) => c with
    {
        // The numbers are display text here (860-555-0206), not E.164: keep the last four digits, as the API's masks do.
        OfficePhone = c.OfficePhone is { Length: > 4 } office ? $"••• ••• {office[^4..]}" : null,
        CellPhone = c.CellPhone is { Length: > 4 } cell ? $"••• ••• {cell[^4..]}" : null,
        Email = c.Email is { } email ? ContactMask.Mask(Directory.People.ContactMethodKind.Email, email) : null,
    };

    /// <summary>
    /// The status-update e-mail as the stakeholders would get it, for a draft the incident manager has not posted yet:
    /// the incident's real values and the draft's text. Contact values stay placeholders (a preview goes to no one,
    /// and the recipients differ), so a preview discloses nothing.
    /// </summary>
    public async Task<Outcome<TemplatePreviewView>> PreviewStatusUpdateAsync(Actor actor, string number, string? text, string? isolatedTo,
        DateTimeOffset? expectedResolutionAt, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "preview status updates") is { } refused)
        {
            return refused;
        }
        var template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == TemplateKeys.StatusUpdate, ct);
        var incident = await db.Incidents.AsNoTracking().Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Number == number, ct);
        if (template is null || incident is null)
        {
            return Refusal.NotFound(template is null ? "template" : "incident", template is null ? TemplateKeys.StatusUpdate : number);
        }
        var real = await renderer.ModelAsync(incident, null, null, null, null, ct);
        var placeholder = new TemplateModel.ContactPart(null, null, "(phone)", "(cell phone)", "(e-mail)");
        var expected = expectedResolutionAt?.ToUniversalTime().ToString("dddd, MMMM d, yyyy h:mm tt 'UTC'", CultureInfo.InvariantCulture);
        var model = real with
        {
            Update = new TemplateModel.UpdatePart(text ?? "", isolatedTo, expected),
            Manager = placeholder with { Name = real.Manager.Name, Title = real.Manager.Title },
            Recipient = placeholder with { Name = "(each recipient)" },
        };
        try
        {
            var rendered = MessageRenderer.Render(template, model);
            return new TemplatePreviewView(rendered.Subject, rendered.Text, rendered.Html, rendered.Short, number);
        }
        catch (Exception e) when (e is TemplateException or RenderLimitException)
        {
            return Refusal.Invalid("template", e.Message);
        }
    }

    /// <summary>
    /// Renders a part against the sample incident, timed and limited as the dispatcher would: a template that runs
    /// into a limit here is refused before it can stall a page. Null when it renders.
    /// </summary>
    private static string? TrialRender(string key, TemplatePart part, string source)
    {
        LiquidTemplates.WarmUp();
        using var deadline = new CancellationTokenSource(RenderLimits.Time, TimeProvider.System);
        try
        {
            LiquidTemplates.Render($"{key} {part.Name}", source, TemplateModel.Sample(), part, deadline.Token);
            return null;
        }
        catch (RenderLimitException e)
        {
            return e.Message;
        }
        catch (TemplateException e)
        {
            return e.Problem.ToString();
        }
    }

    private static MessageTemplateView View(MessageTemplate t) => new(t.Key, t.Description, t.Subject, t.TextBody, t.HtmlBody, t.ShortForm, t.UpdatedAt, t.UpdatedBy, IsDefault(t));
}
