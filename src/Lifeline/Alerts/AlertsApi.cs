using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Alerts;

public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapAlertEventsApi();
        api.MapAlertmanagerApi();
        api.MapGet("/alerts", List).WithTags("Alerts")
            .WithSummary("Alerts, newest first, of a service (serviceId) or an incident (incident=INC-…), or all");
        api.MapGet("/services/{serviceId:guid}/alert-settings", GetSettings).WithTags("Alerts").WithSummary("How the service's alerts group into incidents");
        api.MapPut("/services/{serviceId:guid}/alert-settings", PutSettings).WithTags("Alerts").RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Change the grouping window and auto-resolve of a service's alerts (audited)");
        api.MapPost("/incidents/{number}/keep-open", KeepOpen).WithTags("Alerts").RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Keep an acknowledged incident open when its alerts resolve (keepOpen: true), or let it resolve with them again");
        api.MapAlertRulesApi();
        return api;
    }

    private static async Task<Results<Ok<Page<AlertView>>, ValidationProblem>> List([AsParameters] PageQuery query, Guid? serviceId, string? incident,
        AlertList alerts, CancellationToken ct) =>
        query.Validate() is { } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await alerts.ListAsync(query, serviceId, incident, ct));

    private static async Task<Results<Ok<ServiceAlertSettingsView>, ValidationProblem, ProblemHttpResult>> GetSettings(Guid serviceId, AlertGrouping grouping, CancellationToken ct) =>
        await grouping.GetAsync(serviceId, ct) is var found && found.Refusal is { } refusal ? refusal.As<Ok<ServiceAlertSettingsView>>() : TypedResults.Ok(found.Value!);

    private static async Task<Results<Ok<ServiceAlertSettingsView>, ValidationProblem, ProblemHttpResult>> PutSettings(
        Guid serviceId, ServiceAlertSettingsRequest request, Actor actor, AlertGrouping grouping, CancellationToken ct) =>
        await grouping.UpdateAsync(actor, serviceId, request, ct) is var updated && updated.Refusal is { } refusal
            ? refusal.As<Ok<ServiceAlertSettingsView>>() : TypedResults.Ok(updated.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> KeepOpen(string number, KeepOpenRequest request, Actor actor,
        AlertGrouping grouping, CancellationToken ct) =>
        (await grouping.KeepOpenAsync(actor, number, request, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
