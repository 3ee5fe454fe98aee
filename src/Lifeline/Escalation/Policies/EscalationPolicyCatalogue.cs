using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation.Policies;

/// <summary>
/// The escalation policies, for the API and the console alike. Every change takes its actor and is audited under
/// the actor's name (the audit interceptor reads the actor of the unit of work, which <see cref="CurrentActor.Use"/> sets).
/// </summary>
public sealed class EscalationPolicyCatalogue(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(24);

    public async Task<Page<EscalationPolicyView>> ListAsync(PageQuery query, CancellationToken ct)
    {
        var policies = db.EscalationPolicies.AsNoTracking();
        if (query.Search is { } q)
        {
            policies = policies.Where(p => p.Name.ToLower().Contains(q));
        }
        return await Page<EscalationPolicyView>.ReadAsync(policies.OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name), query, policy => ViewAsync(policy, ct), ct);
    }

    public async Task<Outcome<EscalationPolicyView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } policy
            ? await ViewAsync(policy, ct)
            : Refusal.NotFound("escalation policy", id);

    public async Task<Outcome<EscalationPolicyView>> CreateAsync(Actor actor, EscalationPolicyRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change escalation policies") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var (invalid, tiers) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.EscalationPolicies.AnyAsync(p => p.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"An escalation policy named '{request.Name.Trim()}' already exists.");
        }
        var policy = new EscalationPolicy(request.Name, request.Description, request.RepeatCount ?? 0, tiers, time.GetUtcNow());
        // The first policy becomes the default: services that name none must still escalate somewhere.
        policy.MakeDefault(!await db.EscalationPolicies.AnyAsync(ct));
        db.EscalationPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(policy, ct);
    }

    public async Task<Outcome<EscalationPolicyView>> UpdateAsync(Actor actor, Guid id, EscalationPolicyRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change escalation policies") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var policy = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Refusal.NotFound("escalation policy", id);
        }
        var (invalid, tiers) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.EscalationPolicies.AnyAsync(p => p.Id != id && p.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"An escalation policy named '{request.Name.Trim()}' already exists.");
        }
        policy.Update(request.Name, request.Description, request.RepeatCount ?? policy.RepeatCount, tiers, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await ViewAsync(policy, ct);
    }

    /// <summary>Makes the policy the one for services that name none; exactly one policy is the default.</summary>
    public async Task<Outcome<EscalationPolicyView>> MakeDefaultAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change escalation policies") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var policies = await db.EscalationPolicies.ToListAsync(ct);
        var policy = policies.Find(p => p.Id == id);
        if (policy is null)
        {
            return Refusal.NotFound("escalation policy", id);
        }
        policies.ForEach(p => p.MakeDefault(p.Id == id));
        await db.SaveChangesAsync(ct);
        return await ViewAsync(policy, ct);
    }

    /// <returns>The removed policy's id, or why not: the default policy and a policy a service or team uses stay.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change escalation policies") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var policy = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Refusal.NotFound("escalation policy", id);
        }
        if (policy.IsDefault)
        {
            return Refusal.Conflict("This is the default policy. Make another policy the default first.", "The policy is still in use");
        }
        var services = await db.Services.Where(s => s.EscalationPolicyId == id).Select(s => s.Name).ToListAsync(ct);
        var teams = await db.Teams.Where(t => t.EscalationPolicyId == id).Select(t => t.Name).ToListAsync(ct);
        if (services.Count + teams.Count > 0)
        {
            return Refusal.Conflict($"Used by {string.Join(", ", services.Concat(teams))}. Point them at another policy first.", "The policy is still in use");
        }
        db.EscalationPolicies.Remove(policy);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private async Task<(Refusal? Invalid, List<EscalationTier> Tiers)> ValidateAsync(EscalationPolicyRequest request, CancellationToken ct)
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
            return (Refusal.Invalid(v.Errors), tiers);
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
        return (v.IsValid ? null : Refusal.Invalid(v.Errors), tiers);
    }

    private async Task<EscalationPolicyView> ViewAsync(EscalationPolicy policy, CancellationToken ct)
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
