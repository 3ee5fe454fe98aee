using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Severity;

/// <summary>
/// The classification rules, in the order they are tried, for the API and the console alike. Every change takes
/// its actor and is audited under the actor's name (the audit interceptor reads the actor of the unit of work,
/// which <see cref="CurrentActor.Use"/> sets).
/// </summary>
public sealed class ClassificationRuleCatalogue(LifelineDbContext db, CurrentActor current)
{
    public async Task<IReadOnlyList<ClassificationRuleView>> ListAsync(CancellationToken ct) =>
        (await db.ClassificationRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<ClassificationRuleView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.ClassificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } rule
            ? View(rule)
            : Refusal.NotFound("classification rule", id);

    public async Task<Outcome<ClassificationRuleView>> CreateAsync(Actor actor, ClassificationRuleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change classification rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        var rule = new ClassificationRule(request.Order!.Value, request.Name, request.MajorEnterpriseService, request.PublicFacing, request.VipAffected,
            request.State, request.MinimumScope, request.Severity!.Value, request.Reason);
        db.ClassificationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return View(rule);
    }

    public async Task<Outcome<ClassificationRuleView>> UpdateAsync(Actor actor, Guid id, ClassificationRuleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change classification rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var rule = await db.ClassificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Refusal.NotFound("classification rule", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        rule.Update(request.Order!.Value, request.Name, request.MajorEnterpriseService, request.PublicFacing, request.VipAffected,
            request.State, request.MinimumScope, request.Severity!.Value, request.Reason);
        await db.SaveChangesAsync(ct);
        return View(rule);
    }

    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change classification rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var rule = await db.ClassificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Refusal.NotFound("classification rule", id);
        }
        db.ClassificationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>
    /// Swaps a rule with its neighbour in the order they are tried. When two rules share an order, the rules are numbered
    /// again in tens, so the move always shows; only the rules whose order changes are written (and audited).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ClassificationRuleView>>> MoveAsync(Actor actor, Guid id, ClassificationRuleMoveRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change classification rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var step = request.Direction?.Trim().ToLowerInvariant() switch { "up" => -1, "down" => 1, _ => 0 };
        if (step == 0)
        {
            return Refusal.Invalid("direction", "direction is up or down.");
        }
        var rules = await db.ClassificationRules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var index = rules.FindIndex(r => r.Id == id);
        if (index < 0)
        {
            return Refusal.NotFound("classification rule", id);
        }
        if (index + step < 0 || index + step >= rules.Count)
        {
            return Refusal.Invalid("direction", step < 0 ? "This rule is already tried first." : "This rule is already tried last.");
        }
        var other = rules[index + step];
        if (rules.Select(r => r.Order).Distinct().Count() == rules.Count)
        {
            // Distinct orders: the two rules trade them and nothing else changes.
            var order = other.Order;
            other.Reorder(rules[index].Order);
            rules[index].Reorder(order);
        }
        else
        {
            (rules[index], rules[index + step]) = (other, rules[index]);
            Renumber(rules);
        }
        await db.SaveChangesAsync(ct);
        return new Outcome<IReadOnlyList<ClassificationRuleView>>(await ListAsync(ct), null);
    }

    private static void Renumber(List<ClassificationRule> rules)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].Reorder((i + 1) * 10);
        }
    }

    private static ClassificationRuleView View(ClassificationRule r) =>
        new(r.Id, r.Order, r.Name, r.MajorEnterpriseService, r.PublicFacing, r.VipAffected, r.State, r.MinimumScope, r.Severity, r.Reason);

    private async Task<Refusal?> ValidateAsync(ClassificationRuleRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Required("reason", request.Reason, 1000);
        if (request.Order is not { } order || order < 0)
        {
            v.Add("order", "order is required and not negative; rules are tried from the lowest order.");
        }
        if (request.Severity is not { } severity || !await db.SeverityLevels.AnyAsync(l => l.Level == severity, ct))
        {
            v.Add("severity", "severity must be a level of the severity catalogue.");
        }
        if (request.State is { } state && !Enum.IsDefined(state))
        {
            v.Add("state", $"state is one of {string.Join(", ", Enum.GetNames<ServiceState>())}.");
        }
        if (request.MinimumScope is { } scope && !Enum.IsDefined(scope))
        {
            v.Add("minimumScope", $"minimumScope is one of {string.Join(", ", Enum.GetNames<ImpactScope>())}.");
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }
}
