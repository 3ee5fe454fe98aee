using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Escalation.Policies;
using Lifeline.Targets;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Communication;

public sealed record CommunicationRuleView(CommunicationEvent Event, ShiftKind? Shift, IReadOnlyList<TargetView> Recipients,
    NotificationChannel Channel, NotificationChannel? Fallback, string? Instruction);
public sealed record CommunicationPlanView(Guid Id, string Name, string? Description, IReadOnlyList<int> Severities, bool IsEnabled,
    IReadOnlyList<CommunicationRuleView> Rules, DateTimeOffset UpdatedAt);
public sealed record CommunicationRuleRequest(CommunicationEvent? Event, ShiftKind? Shift, IReadOnlyList<EscalationTarget>? Recipients,
    NotificationChannel? Channel, NotificationChannel? Fallback, string? Instruction);
public sealed record CommunicationPlanRequest(string Name, string? Description, IReadOnlyList<int>? Severities, bool? IsEnabled, IReadOnlyList<CommunicationRuleRequest>? Rules);

public static class CommunicationPlansApi
{
    public static RouteGroupBuilder MapCommunicationPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/communication-plans").WithTags("Communication plans");
        plans.MapGet("/", List).WithSummary("List communication plans (who hears about incidents, when and how)");
        plans.MapGet("/{id:guid}", Get).WithSummary("A communication plan");
        plans.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a communication plan")
            .WithDescription("Each rule: on an event (EscalationStarted, StatusUpdate, Resolved), during a shift (Day, Off, or null for any), tell the recipients by a channel, falling back to another channel when the first fails for good; an instruction becomes a task the recipient confirms.");
        plans.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a communication plan");
        plans.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a communication plan");
        return api;
    }

    private static async Task<Results<Ok<Page<CommunicationPlanView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var plans = db.CommunicationPlans.AsNoTracking();
        if (query.Search is { } q)
        {
            plans = plans.Where(p => p.Name.ToLower().Contains(q));
        }
        return TypedResults.Ok(await Page<CommunicationPlanView>.ReadAsync(plans.OrderBy(p => p.Name), query, plan => ViewAsync(plan, db, ct), ct));
    }

    private static async Task<Results<Ok<CommunicationPlanView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var plan = await db.CommunicationPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is null ? Problems.NotFound("communication plan", id) : TypedResults.Ok(await ViewAsync(plan, db, ct));
    }

    private static async Task<Results<Created<CommunicationPlanView>, ValidationProblem, ProblemHttpResult>> Create(
        CommunicationPlanRequest request, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (invalid, rules) = await ValidateAsync(request, db, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.CommunicationPlans.AnyAsync(p => p.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A communication plan named '{request.Name.Trim()}' already exists.");
        }
        var plan = new CommunicationPlan(request.Name, request.Description, request.Severities!, rules, request.IsEnabled ?? true, time.GetUtcNow());
        db.CommunicationPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/communication-plans/{plan.Id}", await ViewAsync(plan, db, ct));
    }

    private static async Task<Results<Ok<CommunicationPlanView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, CommunicationPlanRequest request, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var plan = await db.CommunicationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Problems.NotFound("communication plan", id);
        }
        var (invalid, rules) = await ValidateAsync(request, db, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.CommunicationPlans.AnyAsync(p => p.Id != id && p.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A communication plan named '{request.Name.Trim()}' already exists.");
        }
        plan.Update(request.Name, request.Description, request.Severities!, rules, request.IsEnabled ?? plan.IsEnabled, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(plan, db, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var plan = await db.CommunicationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Problems.NotFound("communication plan", id);
        }
        db.CommunicationPlans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(ValidationProblem? Invalid, List<CommunicationRule> Rules)> ValidateAsync(CommunicationPlanRequest request, LifelineDbContext db, CancellationToken ct)
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
            return (Problems.Invalid(v.Errors), rules);
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
        return (v.IsValid ? null : Problems.Invalid(v.Errors), rules);
    }

    private static async Task<CommunicationPlanView> ViewAsync(CommunicationPlan plan, LifelineDbContext db, CancellationToken ct)
    {
        var name = await TargetNames.LoaderAsync(plan.Rules.SelectMany(r => r.Recipients), db, ct);
        return new CommunicationPlanView(plan.Id, plan.Name, plan.Description, plan.Severities, plan.IsEnabled,
            plan.Rules.Select(r => new CommunicationRuleView(r.Event, r.Shift, r.Recipients.Select(name).ToList(), r.Channel, r.Fallback, r.Instruction)).ToList(),
            plan.UpdatedAt);
    }
}
