using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

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
        templates.MapPost("/{key}/preview", Preview)
            .WithSummary("Render a template, or a draft of its parts (subject, textBody, htmlBody, shortForm), against a sample incident or a real one (incidentNumber); a draft's errors come by field with their line");
        templates.MapPost("/{key}/reset", Reset).WithSummary("Put a template back to the text Lifeline ships with (audited)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MessageTemplateView>>> List(TemplateCatalogue templates, CancellationToken ct) => TypedResults.Ok(await templates.ListAsync(ct));

    private static async Task<Results<Ok<MessageTemplateView>, ProblemHttpResult>> Get(string key, TemplateCatalogue templates, CancellationToken ct) =>
        await templates.GetAsync(key, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("template", key);

    private static async Task<Results<Ok<MessageTemplateView>, ValidationProblem, ProblemHttpResult>> Update(
        string key, MessageTemplateRequest request, Actor actor, TemplateCatalogue templates, CancellationToken ct) =>
        await templates.UpdateAsync(actor, key, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<MessageTemplateView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<TemplatePreviewView>, ValidationProblem, ProblemHttpResult>> Preview(
        string key, TemplatePreviewRequest? request, Actor actor, TemplateCatalogue templates, CancellationToken ct) =>
        await templates.PreviewAsync(actor, key, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<TemplatePreviewView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<MessageTemplateView>, ValidationProblem, ProblemHttpResult>> Reset(string key, Actor actor, TemplateCatalogue templates, CancellationToken ct) =>
        await templates.ResetAsync(actor, key, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<MessageTemplateView>>() : TypedResults.Ok(outcome.Value!);
}
