using Lifeline.Access;
using Microsoft.Extensions.Options;
using Lifeline.Acknowledgements;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Incidents;

/// <summary>The lifecycle actions under <c>/incidents/{number}</c>; a move the lifecycle forbids is a 409 listing the allowed ones.</summary>
public static class IncidentActionsApi
{
    public static RouteGroupBuilder MapIncidentActionsApi(this RouteGroupBuilder incidents)
    {
        incidents.MapPost("/{number}/acknowledge", Acknowledge).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Acknowledge an Open or Escalating incident (incident manager)")
            .WithDescription("personId defaults to the person linked to the caller's account; that person becomes the incident manager.");
        incidents.MapPost("/{number}/status-updates", PostStatusUpdate).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Post a status update: text, what the issue is isolated to, expected resolution time (incident manager)");
        incidents.MapPost("/{number}/status-updates/preview", PreviewStatusUpdate).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("The status-update e-mail a draft would send, rendered from the template (nothing is posted or sent)");
        incidents.MapPost("/{number}/resolve", Resolve).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Resolve with a resolution summary (incident manager)");
        incidents.MapPost("/{number}/close", Close).RequireAuthorization(AccessPolicies.OpenAndCloseIncidents)
            .WithSummary("Close a resolved incident and create the customer satisfaction survey (Level 1 technician)")
            .WithDescription("The response carries the survey link for the customer; it works once and expires. For an incident entered from a manual log, "
                + "occurredAt gives when it was closed; the survey is then sent only with notify.");
        incidents.MapPost("/{number}/reopen", Reopen).RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Reopen a resolved incident, with a reason");
        return incidents;
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> Acknowledge(string number, AcknowledgeRequest? request,
        Acknowledger acknowledger, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await acknowledger.AcknowledgeIncidentAsync(actor, number, request?.PersonId, request?.Channel ?? "api", request?.When ?? Backdate.Now, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> PostStatusUpdate(string number, StatusUpdateRequest request,
        IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.PostStatusUpdateAsync(number, request.Text, request.IsolatedTo, request.ExpectedResolutionAt, actor, request.When, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> Resolve(string number, ResolveRequest request,
        IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.ResolveAsync(number, request.Summary, actor, request.When, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<ClosedIncidentView>, ValidationProblem, ProblemHttpResult>> Close(string number, CloseRequest? request,
        IncidentService incidents, Actor actor, LifelineDbContext db, IOptions<Notifications.Links.LinkOptions> links, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.CloseAsync(number, actor, request?.When ?? Backdate.Now, ct);
        if (outcome.Failure is { } failure)
        {
            return IncidentViews.Fail<Ok<ClosedIncidentView>>(failure);
        }
        var view = await IncidentViews.ViewAsync(outcome.Incident!, db, guard, actor, ct);
        // Lifeline's configured public address, never the request's Host header, which the caller chooses.
        var link = $"{links.Value.PublicUrl.TrimEnd('/')}{outcome.SurveyLink}";
        return TypedResults.Ok(new ClosedIncidentView(view, link, outcome.SurveyExpiresAt!.Value));
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> Reopen(string number, ReopenRequest request,
        IncidentService incidents, Actor actor, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var outcome = await incidents.ReopenAsync(number, request.Reason, actor, ct);
        return await IncidentViews.RespondAsync(outcome, db, guard, actor, ct);
    }

    private static async Task<Results<Ok<Templates.TemplatePreviewView>, ValidationProblem, ProblemHttpResult>> PreviewStatusUpdate(string number,
        StatusUpdateRequest request, Templates.TemplateCatalogue templates, Actor actor, CancellationToken ct) =>
        await templates.PreviewStatusUpdateAsync(actor, number, request.Text, request.IsolatedTo, request.ExpectedResolutionAt, ct) is var outcome
            && outcome.Refusal is { } refusal
            ? refusal.As<Ok<Templates.TemplatePreviewView>>()
            : TypedResults.Ok(outcome.Value!);
}
