using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Alerts;

public static class IntegrationKeysApi
{
    public static RouteGroupBuilder MapIntegrationKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/services/{serviceId:guid}/integration-keys").WithTags("Alerts").RequireAuthorization(AccessPolicies.Administer);
        keys.MapGet("/", List).WithSummary("The service's integration keys (never the keys themselves)");
        keys.MapPost("/", Issue).WithSummary("Issue an integration key (audited); the key is in this answer only")
            .WithDescription("Monitoring tools send events with it: as routing_key to /v2/enqueue, or in the X-Integration-Key header to /api/v1/alerts/events.");
        keys.MapPost("/{id:guid}/rotate", Rotate).WithSummary("Replace a key (audited); the old one keeps working for overlapMinutes (default 24 h)");
        keys.MapPost("/{id:guid}/revoke", Revoke).WithSummary("Revoke a key at once (audited)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<IntegrationKeyView>>, ValidationProblem, ProblemHttpResult>> List(
        Guid serviceId, IntegrationKeyService keys, CancellationToken ct) =>
        await keys.ListAsync(serviceId, ct) is var listed && listed.Refusal is { } refusal
            ? refusal.As<Ok<IReadOnlyList<IntegrationKeyView>>>() : TypedResults.Ok(listed.Value!);

    private static async Task<Results<Created<IssuedIntegrationKey>, ValidationProblem, ProblemHttpResult>> Issue(
        Guid serviceId, IntegrationKeyRequest request, Actor actor, IntegrationKeyService keys, CancellationToken ct) =>
        await keys.IssueAsync(actor, serviceId, request, ct) is var issued && issued.Refusal is { } refusal
            ? refusal.As<Created<IssuedIntegrationKey>>()
            : TypedResults.Created($"/api/v1/services/{serviceId}/integration-keys/{issued.Value!.Integration.Id}", issued.Value);

    private static async Task<Results<Created<IssuedIntegrationKey>, ValidationProblem, ProblemHttpResult>> Rotate(
        Guid serviceId, Guid id, RotateIntegrationKeyRequest request, Actor actor, IntegrationKeyService keys, CancellationToken ct) =>
        await keys.RotateAsync(actor, serviceId, id, request, ct) is var issued && issued.Refusal is { } refusal
            ? refusal.As<Created<IssuedIntegrationKey>>()
            : TypedResults.Created($"/api/v1/services/{serviceId}/integration-keys/{issued.Value!.Integration.Id}", issued.Value);

    private static async Task<Results<Ok<IntegrationKeyView>, ValidationProblem, ProblemHttpResult>> Revoke(
        Guid serviceId, Guid id, Actor actor, IntegrationKeyService keys, CancellationToken ct) =>
        await keys.RevokeAsync(actor, serviceId, id, ct) is var revoked && revoked.Refusal is { } refusal
            ? refusal.As<Ok<IntegrationKeyView>>() : TypedResults.Ok(revoked.Value!);
}
