using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Services;

public static class ServiceAreasApi
{
    public static RouteGroupBuilder MapServiceAreasApi(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/service-areas").WithTags("Service areas");
        areas.MapGet("/", List).WithSummary("List service areas with their manager and default Level 2 teams");
        areas.MapGet("/{id:guid}", Get).WithSummary("A service area");
        areas.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a service area");
        areas.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a service area")
            .WithDescription("The bridge fields (dial-in number, PIN, link) replace the current bridge; leave them out to use the configured default.");
        areas.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove a service area").WithDescription("Refused with 409 while services belong to it.");
        return api;
    }

    private static async Task<Results<Ok<Page<ServiceAreaView>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] PageQuery query, ServiceAreaDirectory areas, CancellationToken ct) =>
        await areas.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<ServiceAreaView>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<ServiceAreaView>, ProblemHttpResult>> Get(Guid id, ServiceAreaDirectory areas, CancellationToken ct) =>
        await areas.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("service area", id);

    private static async Task<Results<Created<ServiceAreaView>, ValidationProblem, ProblemHttpResult>> Create(
        ServiceAreaRequest request, Actor actor, ServiceAreaDirectory areas, CancellationToken ct) =>
        await areas.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<ServiceAreaView>>()
            : TypedResults.Created($"/api/v1/service-areas/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<ServiceAreaView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ServiceAreaRequest request, Actor actor, ServiceAreaDirectory areas, CancellationToken ct) =>
        await areas.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ServiceAreaView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, ServiceAreaDirectory areas, CancellationToken ct) =>
        (await areas.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
