using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Targets;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation.Policies;

public static class EscalationPoliciesApi
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(24);

    public static RouteGroupBuilder MapEscalationPoliciesApi(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/escalation-policies").WithTags("Escalation policies");
        policies.MapGet("/", List).WithSummary("List escalation policies");
        policies.MapGet("/{id:guid}", Get).WithSummary("An escalation policy with its tiers");
        policies.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add an escalation policy")
            .WithDescription("Tiers are tried in order; each pages its targets on its channels and waits `wait` (hh:mm:ss; seconds are allowed for drills and tests) for an acknowledgement. After the last tier the policy runs again `repeatCount` more times.");
        policies.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change an escalation policy")
            .WithDescription("A running escalation keeps the snapshot of the policy taken when it started; changes apply to escalations that start afterwards.");
        policies.MapPost("/{id:guid}/default", MakeDefault).RequireAuthorization(AccessPolicies.Administer).WithSummary("Make this the policy for services that name none");
        policies.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a policy no service or team uses");
        return api;
    }

    private static async Task<Results<Ok<Page<EscalationPolicyView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var policies = db.EscalationPolicies.AsNoTracking();
        if (query.Search is { } q)
        {
            policies = policies.Where(p => p.Name.ToLower().Contains(q));
        }
        return TypedResults.Ok(await Page<EscalationPolicyView>.ReadAsync(policies.OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name), query, policy => ViewAsync(policy, db, ct), ct));
    }

    private static async Task<Results<Ok<EscalationPolicyView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var policy = await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return policy is null ? Problems.NotFound("escalation policy", id) : TypedResults.Ok(await ViewAsync(policy, db, ct));
    }

    private static async Task<Results<Created<EscalationPolicyView>, ValidationProblem, ProblemHttpResult>> Create(
        EscalationPolicyRequest request, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (invalid, tiers) = await ValidateAsync(request, db, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.EscalationPolicies.AnyAsync(p => p.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"An escalation policy named '{request.Name.Trim()}' already exists.");
        }
        var policy = new EscalationPolicy(request.Name, request.Description, request.RepeatCount ?? 0, tiers, time.GetUtcNow());
        policy.MakeDefault(!await db.EscalationPolicies.AnyAsync(ct));
        db.EscalationPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/escalation-policies/{policy.Id}", await ViewAsync(policy, db, ct));
    }

    private static async Task<Results<Ok<EscalationPolicyView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, EscalationPolicyRequest request, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var policy = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Problems.NotFound("escalation policy", id);
        }
        var (invalid, tiers) = await ValidateAsync(request, db, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.EscalationPolicies.AnyAsync(p => p.Id != id && p.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"An escalation policy named '{request.Name.Trim()}' already exists.");
        }
        policy.Update(request.Name, request.Description, request.RepeatCount ?? policy.RepeatCount, tiers, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(policy, db, ct));
    }

    private static async Task<Results<Ok<EscalationPolicyView>, ProblemHttpResult>> MakeDefault(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var policies = await db.EscalationPolicies.ToListAsync(ct);
        var policy = policies.Find(p => p.Id == id);
        if (policy is null)
        {
            return Problems.NotFound("escalation policy", id);
        }
        policies.ForEach(p => p.MakeDefault(p.Id == id));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(policy, db, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var policy = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Problems.NotFound("escalation policy", id);
        }
        if (policy.IsDefault)
        {
            return Problems.Conflict("This is the default policy. Make another policy the default first.", "The policy is still in use");
        }
        var services = await db.Services.Where(s => s.EscalationPolicyId == id).Select(s => s.Name).ToListAsync(ct);
        var teams = await db.Teams.Where(t => t.EscalationPolicyId == id).Select(t => t.Name).ToListAsync(ct);
        if (services.Count + teams.Count > 0)
        {
            return Problems.Conflict($"Used by {string.Join(", ", services.Concat(teams))}. Point them at another policy first.", "The policy is still in use");
        }
        db.EscalationPolicies.Remove(policy);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(ValidationProblem? Invalid, List<EscalationTier> Tiers)> ValidateAsync(EscalationPolicyRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        if (request.RepeatCount is < 0 or > 20)
        {
            v.Add("repeatCount", "repeatCount is between 0 and 20.");
        }
        var tiers = new List<EscalationTier>();
        if (request.Tiers is not { Count: > 0 and <= 20 })
        {
            v.Add("tiers", "A policy has between 1 and 20 tiers.");
            return (Problems.Invalid(v.Errors), tiers);
        }
        for (var i = 0; i < request.Tiers.Count; i++)
        {
            var tier = request.Tiers[i];
            if (tier is null)
            {
                v.Add($"tiers[{i}]", "A tier cannot be null.");
                continue;
            }
            await TargetValidation.CheckAsync(tier.Targets, $"tiers[{i}].targets", v, db, ct);
            if (tier.Channels is not { Count: > 0 } || tier.Channels.Any(c => !Enum.IsDefined(c)) || tier.Channels.Distinct().Count() != tier.Channels.Count)
            {
                v.Add($"tiers[{i}].channels", $"One or more distinct channels: {string.Join(", ", Enum.GetNames<NotificationChannel>())}.");
            }
            if (tier.Wait is not { } wait || wait < TimeSpan.FromSeconds(1) || wait > MaxWait)
            {
                v.Add($"tiers[{i}].wait", "wait (hh:mm:ss) is between 00:00:01 and 24:00:00.");
            }
            if (v.IsValid)
            {
                tiers.Add(new EscalationTier(tier.Targets!, tier.Channels!, tier.Wait!.Value));
            }
        }
        return (v.IsValid ? null : Problems.Invalid(v.Errors), tiers);
    }

    internal static async Task<EscalationPolicyView> ViewAsync(EscalationPolicy policy, LifelineDbContext db, CancellationToken ct)
    {
        var name = await TargetNames.LoaderAsync(policy.Tiers.SelectMany(t => t.Targets), db, ct);
        var services = await db.Services.Where(s => s.EscalationPolicyId == policy.Id || (policy.IsDefault && s.EscalationPolicyId == null))
            .OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var teams = await db.Teams.Where(t => t.EscalationPolicyId == policy.Id).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);
        return new EscalationPolicyView(policy.Id, policy.Name, policy.Description, policy.RepeatCount, policy.IsDefault,
            policy.Tiers.Select((t, i) => new TierView(i + 1, t.Targets.Select(name).ToList(), t.Channels, t.Wait)).ToList(),
            services, teams, policy.UpdatedAt);
    }
}
