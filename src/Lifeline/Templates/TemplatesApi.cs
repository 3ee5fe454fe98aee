using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Templates;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(AccessPolicies.Administer);
        templates.MapGet("/", List).WithSummary("The message templates (Liquid): initial, status update and resolution e-mails, pages, reminders, survey, test message");
        templates.MapGet("/{key}", Get).WithSummary("A message template");
        templates.MapPut("/{key}", Update)
            .WithSummary("Change a template; syntax errors and unknown variables are refused with the line, and nothing is stored (audited)");
        templates.MapPost("/{key}/preview", Preview).WithSummary("Render a template against a sample incident or a real one (incidentNumber)");
        return api;
    }

    private static MessageTemplateView View(MessageTemplate t) => new(t.Key, t.Description, t.Subject, t.TextBody, t.HtmlBody, t.ShortForm, t.UpdatedAt, t.UpdatedBy);

    private static async Task<Ok<List<MessageTemplateView>>> List(LifelineDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.MessageTemplates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct)).Select(View).ToList());

    private static async Task<Results<Ok<MessageTemplateView>, ProblemHttpResult>> Get(string key, LifelineDbContext db, CancellationToken ct) =>
        await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { } found ? TypedResults.Ok(View(found)) : Problems.NotFound("template", key);

    private static async Task<Results<Ok<MessageTemplateView>, ValidationProblem, ProblemHttpResult>> Update(string key, MessageTemplateRequest request,
        LifelineDbContext db, CurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var found = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (found is null)
        {
            return Problems.NotFound("template", key);
        }
        var v = new Validator().Required("subject", request.Subject, 1000).Required("textBody", request.TextBody, 20000)
            .Optional("htmlBody", request.HtmlBody, 40000).Required("shortForm", request.ShortForm, 2000);
        foreach (var (field, source) in new[] { ("subject", request.Subject), ("textBody", request.TextBody), ("htmlBody", request.HtmlBody), ("shortForm", request.ShortForm) })
        {
            if (!string.IsNullOrEmpty(source) && LiquidTemplates.Check(source) is { } problem)
            {
                v.Add(field, problem.ToString());
            }
        }
        if (!v.IsValid)
        {
            return Problems.Invalid(v.Errors);
        }
        found.Update(request.Subject!, request.TextBody!, request.HtmlBody, request.ShortForm!, actor.Name, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(found));
    }

    private static async Task<Results<Ok<TemplatePreviewView>, ValidationProblem, ProblemHttpResult>> Preview(string key, TemplatePreviewRequest? request,
        LifelineDbContext db, MessageRenderer renderer, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        if (template is null)
        {
            return Problems.NotFound("template", key);
        }
        var model = TemplateModel.Sample();
        var against = "a sample incident";
        if (request?.IncidentNumber is { Length: > 0 } number)
        {
            var incident = await db.Incidents.AsNoTracking().Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Number == number, ct);
            if (incident is null)
            {
                return Problems.Invalid("incidentNumber", $"No incident with number '{number}'.");
            }
            // The real incident's values; the recipient, team and links stay the sample's, since a preview goes to no one.
            var real = await renderer.ModelAsync(incident, null, null, null, null, ct);
            model = real with { Recipient = model.Recipient, Team = model.Team, AckLink = model.AckLink, SurveyLink = model.SurveyLink };
            against = number;
        }
        try
        {
            var rendered = MessageRenderer.Render(template, model);
            return TypedResults.Ok(new TemplatePreviewView(rendered.Subject, rendered.Text, rendered.Html, rendered.Short, against));
        }
        catch (TemplateException e)
        {
            return Problems.Invalid("template", e.Message);
        }
    }
}
