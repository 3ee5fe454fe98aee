using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Organisations;

public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("/", List).WithSummary("List customer organisations (VIP ones make any problem Severity 1)");
        organisations.MapGet("/{id:guid}", Get).WithSummary("An organisation");
        organisations.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add an organisation");
        organisations.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change an organisation");
        organisations.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove an organisation").WithDescription("Refused with 409 while incidents name it.");
        return api;
    }

    private static async Task<Results<Ok<Page<OrganisationView>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] PageQuery query, OrganisationDirectory organisations, CancellationToken ct) =>
        await organisations.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<OrganisationView>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(Guid id, OrganisationDirectory organisations, CancellationToken ct) =>
        await organisations.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("organisation", id);

    private static async Task<Results<Created<OrganisationView>, ValidationProblem, ProblemHttpResult>> Create(
        OrganisationRequest request, Actor actor, OrganisationDirectory organisations, CancellationToken ct) =>
        await organisations.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<OrganisationView>>()
            : TypedResults.Created($"/api/v1/organisations/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, OrganisationRequest request, Actor actor, OrganisationDirectory organisations, CancellationToken ct) =>
        await organisations.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<OrganisationView>>()
            : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, OrganisationDirectory organisations, CancellationToken ct) =>
        (await organisations.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
