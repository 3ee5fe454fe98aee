using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Communication;

/// <summary>
/// Who a communication plan would tell about an incident of a service at a moment, for each event (escalation started,
/// status update, resolved): which message, by which channel, with which fallback. It asks what
/// <see cref="StakeholderNotifier"/> asks — the plan's severities and the rules for the event in the moment's shift
/// (<see cref="CommunicationRule.AppliesTo"/>), who the recipients mean then (<see cref="TargetResolver"/>), and the channel
/// that reaches each (<see cref="CommunicationRule.ChannelAsync"/> over <see cref="NotificationOutbox.MethodForAsync"/>) —
/// and writes nothing.
/// </summary>
public sealed class CommunicationPlanDryRun(LifelineDbContext db, TargetResolver resolver, NotificationOutbox outbox)
{
    public async Task<Outcome<CommunicationPlanDryRunView>> RunAsync(Actor actor, Guid planId, CommunicationPlanDryRunRequest request, CancellationToken ct)
    {
        if (actor.Roles.Count == 0 && !actor.IsLifeline)
        {
            return Refusal.Forbidden("An account with a role may try a communication plan.");
        }
        var plan = await db.CommunicationPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return Refusal.NotFound("communication plan", planId);
        }
        var v = new Validator();
        var service = request.ServiceId is { } serviceId
            ? await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (request.ServiceId is null)
        {
            v.Add("serviceId", "serviceId is required: relative recipients (the service area manager) are resolved for it.");
        }
        else if (service is null)
        {
            v.Add("serviceId", $"No service with id {request.ServiceId}.");
        }
        if (request.At is null)
        {
            v.Add("at", "at is required: the moment of the incident's events, e.g. 2026-11-25T01:00:00Z.");
        }
        if (request.Severity is { } asked && !await db.SeverityLevels.AnyAsync(l => l.Level == asked, ct))
        {
            v.Add("severity", $"There is no Severity {asked}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }

        var at = request.At!.Value.ToUniversalTime();
        var severity = request.Severity ?? plan.Severities.FirstOrDefault(1);
        var shift = (await ShiftCalendars.CurrentAsync(db, ct)).At(at);
        var shiftText = $"{(shift.Shift == ShiftKind.Day ? "Day shift" : "Off shift")}: {shift.Reason}.";
        if (!plan.AppliesTo(severity) || !plan.IsEnabled)
        {
            return new CommunicationPlanDryRunView(plan.Id, plan.Name, service!.Id, service.Name, at, shift.Shift, shift.Reason, severity, false,
                $"{shiftText} '{plan.Name}' {(plan.IsEnabled ? $"is not for Severity {severity}" : "is turned off")}: it tells nobody.", []);
        }
        var lines = new List<PlanDryRunLine>();
        foreach (var e in Enum.GetValues<CommunicationEvent>())
        {
            for (var i = 0; i < plan.Rules.Count; i++)
            {
                var rule = plan.Rules[i];
                if (!rule.AppliesTo(e, shift.Shift))
                {
                    continue;
                }
                var template = StakeholderNotifier.TemplateFor(e);
                var resolution = await resolver.ResolveAsync(rule.Recipients, new TargetContext(service!.Id, null, at), ct);
                foreach (var skipped in resolution.Skipped)
                {
                    lines.Add(new(e, template, i + 1, skipped.PersonId, skipped.Description, null, null, false, null, $"skipped: {skipped.Reason}"));
                }
                foreach (var person in resolution.People)
                {
                    var channel = await rule.ChannelAsync(async (candidate, _) => await outbox.MethodForAsync(person.PersonId, candidate, ct) is not null);
                    lines.Add(channel switch
                    {
                        null => new(e, template, i + 1, person.PersonId, person.PersonName, null, null, false, null,
                            $"{person.Via}; not reached: no contact method for {rule.Channel}{(rule.Fallback is { } f ? $" or {f}" : "")}"),
                        { } first when first == rule.Channel => new(e, template, i + 1, person.PersonId, person.PersonName, first, rule.Fallback, true,
                            rule.Instruction, person.Via),
                        { } fallback => new(e, template, i + 1, person.PersonId, person.PersonName, fallback, null, true, rule.Instruction,
                            $"{person.Via}; no contact method for {rule.Channel}, so straight to the fallback"),
                    });
                }
            }
        }
        return new CommunicationPlanDryRunView(plan.Id, plan.Name, service!.Id, service.Name, at, shift.Shift, shift.Reason, severity, true,
            $"{shiftText} '{plan.Name}' for Severity {severity}: {lines.Count(l => l.Told)} notice(s) over the incident's events.", lines);
    }
}
