using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.Teams;

public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", List).WithSummary("List teams (Level 1 help desk, Level 2 resolver groups)");
        teams.MapGet("/{id:guid}", Get).WithSummary("A team with its members");
        teams.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a team");
        teams.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Change a team").WithDescription("members, when given, replaces the members.");
        teams.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a team");
        return api;
    }

    private static async Task<Results<Ok<Page<TeamView>>, ValidationProblem, ProblemHttpResult>> List([AsParameters] PageQuery query, TeamDirectory teams, CancellationToken ct) =>
        await teams.ListAsync(query, ct) is var page && page.Refusal is { } refusal ? refusal.As<Ok<Page<TeamView>>>() : TypedResults.Ok(page.Value!);

    private static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, TeamDirectory teams, CancellationToken ct) =>
        await teams.GetAsync(id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("team", id);

    private static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(TeamRequest request, Actor actor, TeamDirectory teams, CancellationToken ct) =>
        await teams.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<TeamView>>()
            : TypedResults.Created($"/api/v1/teams/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<TeamView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, TeamRequest request, Actor actor, TeamDirectory teams, CancellationToken ct) =>
        await teams.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<TeamView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, TeamDirectory teams, CancellationToken ct) =>
        (await teams.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
