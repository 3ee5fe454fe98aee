using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Communication;

/// <summary>
/// The communication plans (who hears about incidents, when and how), for the API and the console alike. Every
/// change takes its actor and is audited under the actor's name (the audit interceptor reads the actor of the
/// unit of work, which <see cref="CurrentActor.Use"/> sets).
/// </summary>
public sealed class CommunicationPlanCatalogue(LifelineDbContext db, CurrentActor current, TimeProvider time)
{
    public async Task<Page<CommunicationPlanView>> ListAsync(PageQuery query, CancellationToken ct)
    {
        var plans = db.CommunicationPlans.AsNoTracking();
        if (query.Search is { } q)
        {
            plans = plans.Where(p => p.Name.ToLower().Contains(q));
        }
        return await Page<CommunicationPlanView>.ReadAsync(plans.OrderBy(p => p.Name), query, plan => ViewAsync(plan, ct), ct);
    }

    public async Task<Outcome<CommunicationPlanView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.CommunicationPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } plan
            ? await ViewAsync(plan, ct)
            : Refusal.NotFound("communication plan", id);

    public async Task<Outcome<CommunicationPlanView>> CreateAsync(Actor actor, CommunicationPlanRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change communication plans") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var (invalid, rules) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.CommunicationPlans.AnyAsync(p => p.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A communication plan named '{request.Name.Trim()}' already exists.");
        }
        var plan = new CommunicationPlan(request.Name, request.Description, request.Severities!, rules, request.IsEnabled ?? true, time.GetUtcNow());
        db.CommunicationPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(plan, ct);
    }

    public async Task<Outcome<CommunicationPlanView>> UpdateAsync(Actor actor, Guid id, CommunicationPlanRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change communication plans") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var plan = await db.CommunicationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Refusal.NotFound("communication plan", id);
        }
        var (invalid, rules) = await ValidateAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.CommunicationPlans.AnyAsync(p => p.Id != id && p.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A communication plan named '{request.Name.Trim()}' already exists.");
        }
        plan.Update(request.Name, request.Description, request.Severities!, rules, request.IsEnabled ?? plan.IsEnabled, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await ViewAsync(plan, ct);
    }

    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change communication plans") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var plan = await db.CommunicationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Refusal.NotFound("communication plan", id);
        }
        db.CommunicationPlans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private async Task<(Refusal? Invalid, List<CommunicationRule> Rules)> ValidateAsync(CommunicationPlanRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        if (request.Severities is not { Count: > 0 } || request.Severities.Any(s => s is < 1 or > 9))
        {
            v.Add("severities", "List the severity levels the plan applies to, e.g. [1].");
        }
        var rules = new List<CommunicationRule>();
        if (request.Rules is not { Count: > 0 and <= 50 })
        {
            v.Add("rules", "A plan has between 1 and 50 rules.");
            return (Refusal.Invalid(v.Errors), rules);
        }
        for (var i = 0; i < request.Rules.Count; i++)
        {
            var rule = request.Rules[i];
            var at = $"rules[{i}]";
            if (rule is null)
            {
                v.Add(at, "A rule cannot be null.");
                continue;
            }
            if (rule.Event is not { } e || !Enum.IsDefined(e))
            {
                v.Add($"{at}.event", $"event is one of {string.Join(", ", Enum.GetNames<CommunicationEvent>())}.");
            }
            if (rule.Shift is { } shift && !Enum.IsDefined(shift))
            {
                v.Add($"{at}.shift", "shift is Day, Off, or absent for any shift.");
            }
            if (rule.Channel is not { } channel || !Enum.IsDefined(channel))
            {
                v.Add($"{at}.channel", $"channel is one of {string.Join(", ", Enum.GetNames<NotificationChannel>())}.");
            }
            else if (rule.Fallback == channel)
            {
                v.Add($"{at}.fallback", "The fallback must be another channel than the first.");
            }
            v.Optional($"{at}.instruction", rule.Instruction, 500);
            await TargetValidation.CheckAsync(rule.Recipients, $"{at}.recipients", v, db, ct);
            if (v.IsValid)
            {
                rules.Add(new CommunicationRule(rule.Event!.Value, rule.Shift, rule.Recipients!, rule.Channel!.Value, rule.Fallback,
                    string.IsNullOrWhiteSpace(rule.Instruction) ? null : rule.Instruction.Trim()));
            }
        }
        return (v.IsValid ? null : Refusal.Invalid(v.Errors), rules);
    }

    private async Task<CommunicationPlanView> ViewAsync(CommunicationPlan plan, CancellationToken ct)
    {
        var name = await TargetNames.LoaderAsync(plan.Rules.SelectMany(r => r.Recipients), db, ct);
        return new CommunicationPlanView(plan.Id, plan.Name, plan.Description, plan.Severities, plan.IsEnabled,
            plan.Rules.Select(r => new CommunicationRuleView(r.Event, r.Shift, r.Recipients.Select(name).ToList(), r.Channel, r.Fallback, r.Instruction)).ToList(),
            plan.UpdatedAt);
    }
}
