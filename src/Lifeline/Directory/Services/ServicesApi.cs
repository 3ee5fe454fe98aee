using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Services;

public static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", List).WithSummary("List services (E-mail, Active Directory, DMV ...)");
        services.MapGet("/{id:guid}", Get).WithSummary("A service");
        services.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a service");
        services.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a service");
        services.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a service");
        return api;
    }

    private static async Task<Results<Ok<Page<ServiceView>>, ValidationProblem, ProblemHttpResult>> List([AsParameters] PageQuery query, ServiceCatalogue catalogue, CancellationToken ct) =>
        await catalogue.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<ServiceView>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> Get(Guid id, ServiceCatalogue catalogue, CancellationToken ct) =>
        await catalogue.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("service", id);

    private static async Task<Results<Created<ServiceView>, ValidationProblem, ProblemHttpResult>> Create(ServiceRequest request, Actor actor, ServiceCatalogue catalogue, CancellationToken ct) =>
        await catalogue.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<ServiceView>>()
            : TypedResults.Created($"/api/v1/services/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<ServiceView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ServiceRequest request, Actor actor, ServiceCatalogue catalogue, CancellationToken ct) =>
        await catalogue.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ServiceView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, ServiceCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
