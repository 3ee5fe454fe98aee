using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Notifications;
using Lifeline.Severity;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Escalation.Policies;

/// <summary>
/// What a policy would do for an incident of a service opened at a chosen moment, tier by tier and repeat by repeat,
/// as if nobody acknowledged: who is paged at which minute on which channel, and who is skipped and why. It asks the
/// engine's own questions — the step order and waits (<see cref="EscalationSteps"/>), who the targets mean at each
/// step's instant (<see cref="TargetResolver"/>: schedules, absences and stand-ins), which channel reaches a person
/// (<see cref="NotificationOutbox.MethodForAsync"/>) — and writes nothing: no incident, job, notification or timeline entry.
/// </summary>
public sealed class EscalationDryRun(LifelineDbContext db, TargetResolver resolver, NotificationOutbox outbox)
{
    public async Task<Outcome<EscalationDryRunView>> RunAsync(Actor actor, Guid policyId, EscalationDryRunRequest request, CancellationToken ct)
    {
        // Anyone who may read policies may try one (it shows names and on-call, never a contact value); an account
        // without roles (not yet enrolled in MFA) may not.
        if (actor.Roles.Count == 0 && !actor.IsLifeline)
        {
            return Refusal.Forbidden("An account with a role may try an escalation policy.");
        }
        var policy = await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
        {
            return Refusal.NotFound("escalation policy", policyId);
        }
        var v = new Validator();
        var service = request.ServiceId is { } serviceId
            ? await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (request.ServiceId is null)
        {
            v.Add("serviceId", "serviceId is required: relative targets (the service area manager) are resolved for it.");
        }
        else if (service is null)
        {
            v.Add("serviceId", $"No service with id {request.ServiceId}.");
        }
        if (request.At is null)
        {
            v.Add("at", "at is required: the moment the incident would open, e.g. 2026-11-24T15:00:00Z.");
        }
        SeverityLevel? level = null;
        if (request.Severity is { } severity && (level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == severity, ct)) is null)
        {
            v.Add("severity", $"There is no Severity {severity}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }

        var at = request.At!.Value.ToUniversalTime();
        var shift = (await ShiftCalendars.CurrentAsync(db, ct)).At(at);
        if (level is not null && level.Procedure != SeverityProcedure.Escalation)
        {
            return new EscalationDryRunView(policy.Id, policy.Name, service!.Id, service.Name, at, shift.Shift, shift.Reason, level.Level, false,
                $"Severity {level.Level} follows the normal business process: nobody is paged; the service area's teams hear by their mailbox.", [], 0,
                "Nothing is paged.");
        }

        var snapshot = new PolicySnapshot(policy.Id, policy.Name, policy.RepeatCount, policy.Tiers);
        var lines = new List<DryRunLine>();
        var offset = TimeSpan.Zero;
        EscalationStep? step = new EscalationStep(0, 0);
        while (step is { } current)
        {
            var tier = snapshot.Tiers[current.Tier];
            var instant = at + offset;
            // No incident manager is named when an incident opens: the resolver says so, as it would for the first page.
            var resolution = await resolver.ResolveAsync(tier.Targets, new TargetContext(service!.Id, null, instant), ct);
            DryRunLine Line(Guid? personId, string person, NotificationChannel? channel, bool paged, string why) =>
                new((int)offset.TotalMinutes, offset, instant, current.Cycle, current.Tier + 1, personId, person, channel, paged, why);
            foreach (var skipped in resolution.Skipped)
            {
                lines.Add(Line(skipped.PersonId, skipped.Description, null, false, $"skipped: {skipped.Reason}"));
            }
            var reached = false;
            foreach (var person in resolution.People)
            {
                foreach (var channel in tier.Channels)
                {
                    var method = await outbox.MethodForAsync(person.PersonId, channel, ct);
                    reached |= method is not null;
                    lines.Add(method is null
                        ? Line(person.PersonId, person.PersonName, channel, false, $"{person.Via}; not reached: no contact method for {channel}")
                        : Line(person.PersonId, person.PersonName, channel, true, person.Via));
                }
            }
            offset += EscalationSteps.WaitAfter(tier, reached);
            step = EscalationSteps.After(snapshot, current);
        }
        var summary = $"{shift.Shift switch { ShiftKind.Day => "Day shift", _ => "Off shift" }}: {shift.Reason}. "
            + $"'{policy.Name}' pages {policy.Tiers.Count} tier(s), {policy.RepeatCount + 1} time(s) through, if nobody acknowledges.";
        return new EscalationDryRunView(policy.Id, policy.Name, service!.Id, service.Name, at, shift.Shift, shift.Reason, request.Severity, true, summary,
            lines, (int)offset.TotalMinutes,
            $"At minute {(int)offset.TotalMinutes}, without an acknowledgement, the escalation ends unanswered: the help desk and the service area manager are alerted.");
    }
}
