using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>The alert severity rules, in the order they are tried; every change audited under its actor.</summary>
public sealed class AlertRuleCatalogue(LifelineDbContext db, CurrentActor current)
{
    public async Task<IReadOnlyList<AlertRuleView>> ListAsync(CancellationToken ct) =>
        (await db.Set<AlertRule>().AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<AlertRuleView>> CreateAsync(Actor actor, AlertRuleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change alert rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        var rule = new AlertRule(request);
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        return View(rule);
    }

    public async Task<Outcome<AlertRuleView>> UpdateAsync(Actor actor, Guid id, AlertRuleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change alert rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await db.Set<AlertRule>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule)
        {
            return Refusal.NotFound("alert rule", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        rule.Update(request);
        await db.SaveChangesAsync(ct);
        return View(rule);
    }

    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change alert rules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await db.Set<AlertRule>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule)
        {
            return Refusal.NotFound("alert rule", id);
        }
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private static AlertRuleView View(AlertRule r) => new(r.Id, r.Order, r.Name, r.ServiceId, r.AlertSeverity, r.Source, r.LabelName, r.LabelValue, r.Severity);

    private async Task<Refusal?> ValidateAsync(AlertRuleRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).SingleLine("name", request.Name)
            .Optional("source", request.Source, AlertEventRules.MaxField).Optional("labelName", request.LabelName, 100)
            .Optional("labelValue", request.LabelValue, AlertEventRules.MaxField);
        if (request.Order is not >= 0)
        {
            v.Add("order", "order is required and not negative; rules are tried from the lowest order.");
        }
        if (request.Severity is not { } severity || !await db.SeverityLevels.AnyAsync(l => l.Level == severity, ct))
        {
            v.Add("severity", "severity must be a level of the severity catalogue.");
        }
        if (request.AlertSeverity is { } alertSeverity && !string.IsNullOrWhiteSpace(alertSeverity)
            && !AlertEventRules.Severities.Contains(alertSeverity.Trim().ToLowerInvariant()))
        {
            v.Add("alertSeverity", $"alertSeverity is one of {string.Join(", ", AlertEventRules.Severities)}.");
        }
        if (request.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
        {
            v.Add("serviceId", $"No service with id {serviceId}.");
        }
        if (string.IsNullOrWhiteSpace(request.LabelName) && !string.IsNullOrWhiteSpace(request.LabelValue))
        {
            v.Add("labelName", "labelName is required with labelValue.");
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }
}
