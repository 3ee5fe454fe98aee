using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Targets;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Teams;

public sealed record TeamMemberView(Guid PersonId, string Name, string? Title, bool IsLead);
public sealed record TeamView(Guid Id, string Name, string? Description, TeamKind Kind, string? Phone, string? Email, Guid? EscalationPolicyId, IReadOnlyList<TeamMemberView> Members);
public sealed record TeamMemberRequest(Guid PersonId, bool IsLead);
/// <summary><c>EscalationPolicyId</c>: how the team is paged as Level 2; null pages every member at once.</summary>
public sealed record TeamRequest(string Name, string? Description, TeamKind? Kind, string? Phone, string? Email, IReadOnlyList<TeamMemberRequest>? Members, Guid? EscalationPolicyId = null);

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

    private static async Task<Results<Ok<Page<TeamView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var teams = db.Teams.AsNoTracking();
        if (query.Search is { } q)
        {
            teams = teams.Where(t => t.Name.ToLower().Contains(q) || (t.Description != null && t.Description.ToLower().Contains(q)));
        }
        return TypedResults.Ok(await Page<TeamView>.ReadAsync(teams.OrderBy(t => t.Name).Include(t => t.Members), query, page => ViewsAsync(page, db, ct), ct));
    }

    private static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        return team is null ? Problems.NotFound("team", id) : TypedResults.Ok((await ViewsAsync([team], db, ct))[0]);
    }

    private static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(TeamRequest request, LifelineDbContext db, ContactValueRules rules, CancellationToken ct)
    {
        var (invalid, phone, email) = await ValidateAsync(request, db, rules, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Teams.AnyAsync(t => t.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A team named '{request.Name.Trim()}' already exists.");
        }
        var team = new Team(request.Name, request.Description, request.Kind ?? TeamKind.Resolver, phone, email);
        team.SetMembers([.. (request.Members ?? []).Select(m => (m.PersonId, m.IsLead))]);
        team.UseEscalationPolicy(request.EscalationPolicyId);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", (await ViewsAsync([team], db, ct))[0]);
    }

    private static async Task<Results<Ok<TeamView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, TeamRequest request, LifelineDbContext db, ContactValueRules rules, CancellationToken ct)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Problems.NotFound("team", id);
        }
        var (invalid, phone, email) = await ValidateAsync(request, db, rules, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Teams.AnyAsync(t => t.Id != id && t.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A team named '{request.Name.Trim()}' already exists.");
        }
        team.Update(request.Name, request.Description, request.Kind ?? team.Kind, phone, email);
        team.UseEscalationPolicy(request.EscalationPolicyId);
        if (request.Members is not null)
        {
            team.SetMembers([.. request.Members.Select(m => (m.PersonId, m.IsLead))]);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync([team], db, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Problems.NotFound("team", id);
        }
        var areas = await db.ServiceAreas.Where(a => a.DefaultTeams.Any(t => t.TeamId == id)).Select(a => a.Name).ToListAsync(ct);
        if (areas.Count > 0)
        {
            return Problems.Conflict(
                $"{team.Name} is a default Level 2 team of the service area(s) {string.Join(", ", areas)}. Remove it from them first.",
                "The team is still referenced");
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.Team, id, ct);
        if (referencedBy.Count > 0)
        {
            return Problems.Conflict($"{team.Name} is named in {string.Join(", ", referencedBy)}. Change those first.", "The team is still referenced");
        }
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(ValidationProblem? Invalid, string? Phone, string? Email)> ValidateAsync(TeamRequest request, LifelineDbContext db, ContactValueRules rules, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        if (request.Kind is { } kind && !Enum.IsDefined(kind))
        {
            v.Add("kind", $"kind is one of {string.Join(", ", Enum.GetNames<TeamKind>())}.");
        }
        string? phone = null, email = null;
        if (!string.IsNullOrWhiteSpace(request.Phone) && !rules.TryPhone(request.Phone, out phone, out var phoneError))
        {
            v.Add("phone", phoneError);
        }
        if (!string.IsNullOrWhiteSpace(request.Email) && !ContactValueRules.TryEmail(request.Email, out email, out var emailError))
        {
            v.Add("email", emailError);
        }
        if (request.EscalationPolicyId is { } policyId && !await db.EscalationPolicies.AnyAsync(p => p.Id == policyId, ct))
        {
            v.Add("escalationPolicyId", $"No escalation policy with id {policyId}.");
        }
        var memberIds = (request.Members ?? []).Select(m => m.PersonId).ToList();
        if (memberIds.Distinct().Count() != memberIds.Count)
        {
            v.Add("members", "A person is listed twice.");
        }
        var unknown = memberIds.Except(await db.People.Where(p => memberIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToList();
        if (unknown.Count > 0)
        {
            v.Add("members", $"No person with id {string.Join(", ", unknown)}.");
        }
        return (v.IsValid ? null : Problems.Invalid(v.Errors), string.IsNullOrEmpty(phone) ? null : phone, string.IsNullOrEmpty(email) ? null : email);
    }

    private static async Task<List<TeamView>> ViewsAsync(IReadOnlyList<Team> teams, LifelineDbContext db, CancellationToken ct)
    {
        var personIds = teams.SelectMany(t => t.Members).Select(m => m.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Title }).ToDictionaryAsync(p => p.Id, ct);
        return teams.Select(t => new TeamView(t.Id, t.Name, t.Description, t.Kind, t.Phone, t.Email, t.EscalationPolicyId,
            t.Members.OrderByDescending(m => m.IsLead).ThenBy(m => people[m.PersonId].Name)
                .Select(m => new TeamMemberView(m.PersonId, people[m.PersonId].Name, people[m.PersonId].Title, m.IsLead)).ToList())).ToList();
    }
}
