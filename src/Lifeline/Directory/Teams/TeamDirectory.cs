using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Teams;

/// <summary>
/// Teams (the Level 1 help desk, Level 2 resolver groups) and their members, for the API and the console alike.
/// Every change takes its actor and is audited under the actor's name. Reads take no viewer: a team shows its
/// members' names and titles, and its own desk phone and mailbox, which are the team's, not a person's.
/// </summary>
public sealed class TeamDirectory(LifelineDbContext db, ContactValueRules rules, CurrentActor current)
{
    public async Task<Outcome<Page<TeamView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var teams = db.Teams.AsNoTracking();
        if (query.Search is { } q)
        {
            teams = teams.Where(t => t.Name.ToLower().Contains(q) || (t.Description != null && t.Description.ToLower().Contains(q)));
        }
        return await Page<TeamView>.ReadAsync(teams.OrderBy(t => t.Name).Include(t => t.Members), query, page => ViewsAsync(page, ct), ct);
    }

    public async Task<Outcome<TeamView>> GetAsync(Guid id, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        return team is null ? Refusal.NotFound("team", id) : (await ViewsAsync([team], ct))[0];
    }

    public async Task<Outcome<TeamView>> CreateAsync(Actor actor, TeamRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var (invalid, phone, email) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Teams.AnyAsync(t => t.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A team named '{request.Name.Trim()}' already exists.");
        }
        var team = new Team(request.Name, request.Description, request.Kind ?? TeamKind.Resolver, phone, email);
        team.SetMembers([.. (request.Members ?? []).Select(m => (m.PersonId, m.IsLead))]);
        team.UseEscalationPolicy(request.EscalationPolicyId);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([team], ct))[0];
    }

    public async Task<Outcome<TeamView>> UpdateAsync(Actor actor, Guid id, TeamRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Refusal.NotFound("team", id);
        }
        var (invalid, phone, email) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Teams.AnyAsync(t => t.Id != id && t.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A team named '{request.Name.Trim()}' already exists.");
        }
        team.Update(request.Name, request.Description, request.Kind ?? team.Kind, phone, email);
        team.UseEscalationPolicy(request.EscalationPolicyId);
        if (request.Members is not null)
        {
            team.SetMembers([.. request.Members.Select(m => (m.PersonId, m.IsLead))]);
        }
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([team], ct))[0];
    }

    /// <returns>The removed team's id, or why not: a team that is an area's default Level 2 team or an escalation target stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Refusal.NotFound("team", id);
        }
        var reasons = new List<string>();
        var areas = await db.ServiceAreas.Where(a => a.DefaultTeams.Any(t => t.TeamId == id)).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        if (areas.Count > 0)
        {
            reasons.Add($"{team.Name} is a default Level 2 team of {Dependents.Join(areas)}; remove it from {(areas.Count == 1 ? "that area" : "those areas")} first.");
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.Team, id, ct);
        if (referencedBy.Count > 0)
        {
            reasons.Add($"{team.Name} is a target of {Dependents.Join(referencedBy)}; remove it from there first.");
        }
        // Incidents keep the Level 2 teams they engaged (a foreign key without cascade): without this, a database error.
        var engaged = db.Incidents.Where(i => i.Level2Teams.Any(t => t.TeamId == id));
        var incidents = await engaged.OrderBy(i => i.Number).Select(i => i.Number).Take(Dependents.Listed).ToListAsync(ct);
        if (incidents.Count > 0)
        {
            reasons.Add($"{team.Name} is a Level 2 team of {Dependents.Join(incidents, await engaged.CountAsync(ct))}; "
                + "incidents keep their teams, so the team stays (rename it or change its members instead).");
        }
        if (reasons.Count > 0)
        {
            return Refusal.Conflict(string.Join(" ", reasons), "The team is still referenced");
        }
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <returns>Why the request is refused, if it is; otherwise the team's phone (E.164) and e-mail address as stored.</returns>
    private async Task<(Refusal? Invalid, string? Phone, string? Email)> ValidateAsync(TeamRequest request, CancellationToken ct)
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
        return (v.IsValid ? null : Refusal.Invalid(v.Errors), string.IsNullOrEmpty(phone) ? null : phone, string.IsNullOrEmpty(email) ? null : email);
    }

    private async Task<List<TeamView>> ViewsAsync(IReadOnlyList<Team> teams, CancellationToken ct)
    {
        var personIds = teams.SelectMany(t => t.Members).Select(m => m.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Title }).ToDictionaryAsync(p => p.Id, ct);
        return teams.Select(t => new TeamView(t.Id, t.Name, t.Description, t.Kind, t.Phone, t.Email, t.EscalationPolicyId,
            t.Members.OrderByDescending(m => m.IsLead).ThenBy(m => people[m.PersonId].Name)
                .Select(m => new TeamMemberView(m.PersonId, people[m.PersonId].Name, people[m.PersonId].Title, m.IsLead)).ToList())).ToList();
    }
}
