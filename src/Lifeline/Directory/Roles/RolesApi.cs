using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Roles;

public static class RolesApi
{
    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", List).WithSummary("List roles with their holders");
        roles.MapGet("/{id:guid}", Get).WithSummary("A role with its responsibilities and holders, in order");
        roles.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a role");
        roles.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Change a role").WithDescription("holderIds, when given, replaces the holders; their order is the order in which they are asked.");
        roles.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a role");
        return api;
    }

    private static async Task<Results<Ok<Page<RoleView>>, ValidationProblem, ProblemHttpResult>> List([AsParameters] PageQuery query, RoleDirectory roles, CancellationToken ct) =>
        await roles.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<RoleView>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<RoleView>, ProblemHttpResult>> Get(Guid id, RoleDirectory roles, CancellationToken ct) =>
        await roles.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("role", id);

    private static async Task<Results<Created<RoleView>, ValidationProblem, ProblemHttpResult>> Create(RoleRequest request, Actor actor, RoleDirectory roles, CancellationToken ct) =>
        await roles.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<RoleView>>()
            : TypedResults.Created($"/api/v1/roles/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<RoleView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, RoleRequest request, Actor actor, RoleDirectory roles, CancellationToken ct) =>
        await roles.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<RoleView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, RoleDirectory roles, CancellationToken ct) =>
        (await roles.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
