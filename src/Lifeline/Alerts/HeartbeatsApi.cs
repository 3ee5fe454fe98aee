using Lifeline.Access;
using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Alerts;

public static class HeartbeatsApi
{
    public static RouteGroupBuilder MapHeartbeatsApi(this RouteGroupBuilder api)
    {
        var monitors = api.MapGroup("/services/{serviceId:guid}/heartbeat-monitors").WithTags("Alerts").RequireAuthorization(AccessPolicies.Administer);
        monitors.MapGet("/", List).WithSummary("The service's heartbeat monitors");
        monitors.MapPost("/", Create).WithSummary("Watch a job that should check in every intervalSeconds (audited)")
            .WithDescription("No heartbeat by the last one plus intervalSeconds plus graceSeconds (default 60): an alert of the given severity (default "
                + "critical) opens an incident for the service; the next heartbeat resolves it. The job calls heartbeatUrl with GET or POST and an "
                + "integration key of the service in X-Integration-Key (or as the bearer credential).");
        monitors.MapDelete("/{id:guid}", Delete).WithSummary("Stop watching (audited)");
        api.MapMethods("/heartbeats/{id:guid}", ["GET", "POST"], Beat).AllowAnonymous().RequireRateLimiting(AlertEventsLimit.Policy)
            .WithBodyLimit(BodyLimits.Small).WithTags("Alerts").WithSummary("A heartbeat (integration key of the monitor's service in X-Integration-Key)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<HeartbeatMonitorView>>, ValidationProblem, ProblemHttpResult>> List(
        Guid serviceId, HeartbeatMonitors monitors, CancellationToken ct) =>
        await monitors.ListAsync(serviceId, ct) is var listed && listed.Refusal is { } refusal
            ? refusal.As<Ok<IReadOnlyList<HeartbeatMonitorView>>>() : TypedResults.Ok(listed.Value!);

    private static async Task<Results<Created<HeartbeatMonitorView>, ValidationProblem, ProblemHttpResult>> Create(
        Guid serviceId, HeartbeatMonitorRequest request, Actor actor, HeartbeatMonitors monitors, CancellationToken ct) =>
        await monitors.CreateAsync(actor, serviceId, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<HeartbeatMonitorView>>()
            : TypedResults.Created($"/api/v1/services/{serviceId}/heartbeat-monitors/{created.Value!.Id}", created.Value);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        Guid serviceId, Guid id, Actor actor, HeartbeatMonitors monitors, CancellationToken ct) =>
        (await monitors.DeleteAsync(actor, serviceId, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Ok<HeartbeatMonitorView>, ValidationProblem, ProblemHttpResult>> Beat(Guid id, HttpRequest request,
        [FromHeader(Name = AlertEventsApi.KeyHeader)] string? integrationKey, IntegrationKeyService keys, HeartbeatMonitors monitors, CancellationToken ct)
    {
        if (await keys.AuthenticateAsync(integrationKey ?? IntegrationKeyService.FromAuthorization(request), ct) is not { } key)
        {
            return TypedResults.Problem(detail: $"Send an active integration key of the monitor's service in {AlertEventsApi.KeyHeader}.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        return await monitors.BeatAsync(id, key, ct) is var beat && beat.Refusal is { } refusal ? refusal.As<Ok<HeartbeatMonitorView>>() : TypedResults.Ok(beat.Value!);
    }
}
