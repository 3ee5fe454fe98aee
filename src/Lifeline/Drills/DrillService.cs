using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Lifeline.Drills;

/// <summary>
/// Drills: schedules them on a recurrence, runs one now (a drill incident that pages its policy once through, each person
/// asked to acknowledge for themselves), and tells the people a drill could not reach what to fix. Admins schedule;
/// admins and incident managers run one now.
/// </summary>
public sealed class DrillService(LifelineDbContext db, IncidentService incidents, DrillPlan plan, DrillReports reports,
    CurrentActor current, IOptions<Lifeline.Notifications.Links.LinkOptions> links, TimeProvider time)
{
    public const string FollowUpTemplate = TemplateKeys.DrillFollowUp;

    public async Task<IReadOnlyList<DrillScheduleView>> SchedulesAsync(CancellationToken ct)
    {
        var schedules = await db.DrillSchedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var serviceIds = schedules.Select(s => s.ServiceId).ToList();
        var policyIds = schedules.Select(s => s.PolicyId).ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var policies = await db.EscalationPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return schedules.Select(s => View(s, services.GetValueOrDefault(s.ServiceId, "(removed)"), policies.GetValueOrDefault(s.PolicyId, "(removed)"))).ToList();
    }

    public async Task<Outcome<DrillScheduleView>> ScheduleAsync(Actor actor, ScheduleDrillRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "schedule drills") is { } refused)
        {
            return refused;
        }
        var v = new Validator().Required("name", request.Name, 200).SingleLine("name", request.Name).Required("recurrence", request.Recurrence, 500)
            .Required("timeZone", request.TimeZone, 64);
        var (service, policy) = await TargetsAsync(v, request.ServiceId, request.PolicyId, ct);
        if (!string.IsNullOrWhiteSpace(request.Recurrence) && DrillRecurrence.Check(request.Recurrence) is { } wrong)
        {
            v.Add("recurrence", wrong);
        }
        if (!string.IsNullOrWhiteSpace(request.TimeZone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone.Trim()) is null)
        {
            v.Add("timeZone", $"'{request.TimeZone}' is not an IANA time zone, e.g. America/New_York.");
        }
        if (request.FirstAt is null)
        {
            v.Add("firstAt", "firstAt, the local date and time of the first drill in timeZone, is required.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var name = request.Name!.Trim();
        if (await db.DrillSchedules.AnyAsync(s => s.Name == name, ct))
        {
            return Refusal.Conflict($"A drill schedule named '{name}' already exists.");
        }
        current.Use(actor);
        var now = time.GetUtcNow();
        var schedule = new DrillSchedule(name, service!.Id, policy!.Id, request.Recurrence!, request.FirstAt!.Value, request.TimeZone!.Trim(), actor.Name, now);
        // The first drill itself when it is still ahead, otherwise the next one the rule gives.
        var first = DrillRecurrence.Next(schedule.Recurrence, schedule.FirstLocal, schedule.TimeZone, now - TimeSpan.FromSeconds(1));
        if (first is null)
        {
            return Refusal.Invalid("recurrence", "The rule gives no drill after now (its COUNT or UNTIL has passed).");
        }
        schedule.Next(first);
        db.DrillSchedules.Add(schedule);
        db.EngineJobs.Add(DrillDueHandler.Job(schedule, first.Value, now));
        await db.SaveChangesAsync(ct);
        return View(schedule, service.Name, policy.Name);
    }

    public async Task<Outcome<bool>> DeleteScheduleAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "remove drill schedules") is { } refused)
        {
            return refused;
        }
        var schedule = await db.DrillSchedules.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
        {
            return Refusal.NotFound("drill schedule", id);
        }
        current.Use(actor);
        // Its pending job finds no schedule when it falls due and does nothing; drills that ran keep their history.
        db.DrillSchedules.Remove(schedule);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Runs a drill now for a service and a policy.</summary>
    public async Task<Outcome<DrillSummary>> RunAsync(Actor actor, RunDrillRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "run drills") is { } refused)
        {
            return refused;
        }
        var v = new Validator();
        var (service, policy) = await TargetsAsync(v, request.ServiceId, request.PolicyId, ct);
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var drillId = await OpenAsync(service!.Id, service.Name, policy!.Id, policy.Name, null, actor.Name, ct);
        return drillId is { } id && (await reports.ReportAsync(id, ct))?.Drill is { } summary
            ? summary
            : Refusal.Conflict("The drill incident was opened but no drill started: the policy could not be read.");
    }

    /// <summary>A scheduled drill that fell due (the engine's <see cref="DrillDueHandler"/>).</summary>
    public async Task<string> RunScheduledAsync(DrillSchedule schedule, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == schedule.ServiceId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        var policy = await db.EscalationPolicies.AsNoTracking().Where(p => p.Id == schedule.PolicyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (service is null || policy is null)
        {
            return "service or policy removed";
        }
        return await OpenAsync(schedule.ServiceId, service, schedule.PolicyId, policy, schedule.Id, $"drill schedule '{schedule.Name}'", ct) is null
            ? "no drill started" : "drill started";
    }

    private async Task<Guid?> OpenAsync(Guid serviceId, string serviceName, Guid policyId, string policyName, Guid? scheduleId, string by, CancellationToken ct)
    {
        // The lowest level whose procedure escalates, so the drill looks like what it rehearses; it has no service-level targets.
        var severity = await db.SeverityLevels.AsNoTracking().Where(l => l.Procedure == SeverityProcedure.Escalation).OrderBy(l => l.Level)
            .Select(l => (int?)l.Level).FirstOrDefaultAsync(ct) ?? await db.SeverityLevels.AsNoTracking().MinAsync(l => l.Level, ct);
        plan.Pending = (policyId, scheduleId);
        // The caller's right to run a drill was checked above; the incident is opened by Lifeline in their name.
        var outcome = await incidents.OpenAsync(new OpenIncidentRequest($"Drill: {policyName} for {serviceName}",
            "A drill: nothing is wrong. Every person paged is asked to acknowledge, and how fast each one answers on each channel is recorded.",
            serviceId, null, null, null, severity, null, null, null, null, true, null, null), Actor.System(by), ct);
        plan.Pending = null;
        if (outcome.Incident is not { } incident)
        {
            return null;
        }
        return await db.Drills.AsNoTracking().Where(d => d.IncidentId == incident.Id).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Tells each person the drill could not reach, or whose contact methods it found wanting, what to fix: one message by
    /// a method that did not fail (e-mail first, then a text message), with a link to the directory. Once per drill.
    /// </summary>
    public async Task<int> FollowUpAsync(Drill drill, CancellationToken ct)
    {
        if (drill.FollowUpSentAt is not null || await reports.ReportAsync(drill.Id, ct) is not { } report || !report.Drill.Finished)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var told = 0;
        var link = $"{links.Value.PublicUrl.TrimEnd('/')}/directory";
        foreach (var person in report.People.Where(p => p.Flags.Count > 0))
        {
            var failed = person.Channels.Where(c => c.Problem is not null).Select(c => c.ContactMethodKind).ToHashSet();
            var methods = await db.ContactMethods.AsNoTracking().Where(m => m.PersonId == person.PersonId).OrderBy(m => m.Priority).ToListAsync(ct);
            var (method, channel) = methods.Find(m => m.Kind == ContactMethodKind.Email && !failed.Contains(m.Kind.ToString())) is { } mail ? (mail, NotificationChannel.Email)
                : methods.Find(m => m.CanSms && !failed.Contains(m.Kind.ToString())) is { } sms ? (sms, NotificationChannel.Sms) : (null, NotificationChannel.Email);
            if (method is null)
            {
                continue;
            }
            var what = string.Join(", ", person.Flags.Select(DrillReports.Describe));
            var text = $"The drill {report.Drill.IncidentNumber} on {report.Drill.StartedAt:yyyy-MM-dd} "
                + (person.Reachable ? "reached you, but found: " : "could not reach you: ") + what + ". "
                + (person.Reason is { } reason ? $"What happened: {reason} " : "")
                + $"Please check your contact methods in Lifeline and ask for a test message: {link}";
            db.Notifications.Add(Notification.ToPerson($"drill:{drill.Id:N}:follow-up:{person.PersonId:N}", person.PersonId, method.Id, channel, FollowUpTemplate, now,
                instruction: text.Length > 1000 ? text[..1000] : text));
            told++;
        }
        var tracked = await db.Drills.FirstAsync(d => d.Id == drill.Id, ct);
        tracked.FollowedUp(now);
        return told;
    }

    /// <summary>Tells the people who failed now, without waiting for the follow-up job (a button in the report).</summary>
    public async Task<Outcome<int>> FollowUpNowAsync(Actor actor, Guid drillId, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "send drill follow-ups") is { } refused)
        {
            return refused;
        }
        var drill = await db.Drills.AsNoTracking().FirstOrDefaultAsync(d => d.Id == drillId, ct);
        if (drill is null)
        {
            return Refusal.NotFound("drill", drillId);
        }
        if (drill.FollowUpSentAt is { } sent)
        {
            return Refusal.Conflict($"The people this drill could not reach were already told, at {sent:yyyy-MM-dd HH:mm} UTC.", "Already sent");
        }
        if (await db.EscalationRuns.AnyAsync(r => r.Id == drill.EscalationRunId && r.State == Escalation.EscalationRunState.Active, ct))
        {
            return Refusal.Conflict("The drill is still paging: wait until every tier has answered or timed out.", "Drill still running");
        }
        current.Use(actor);
        var told = await FollowUpAsync(drill, ct);
        await db.SaveChangesAsync(ct);
        return told;
    }

    private async Task<(Directory.Services.Service? Service, Escalation.Policies.EscalationPolicy? Policy)> TargetsAsync(Validator v, Guid? serviceId, Guid? policyId, CancellationToken ct)
    {
        var service = serviceId is { } s ? await db.Services.AsNoTracking().FirstOrDefaultAsync(x => x.Id == s, ct) : null;
        if (service is null)
        {
            v.Add("serviceId", serviceId is null ? "serviceId is required." : $"No service with id {serviceId}.");
        }
        var policy = policyId is { } p ? await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) : null;
        if (policy is null)
        {
            v.Add("policyId", policyId is null ? "policyId is required." : $"No escalation policy with id {policyId}.");
        }
        return (service, policy);
    }

    private static DrillScheduleView View(DrillSchedule s, string service, string policy) =>
        new(s.Id, s.Name, s.ServiceId, service, s.PolicyId, policy, s.Recurrence, s.FirstLocal, s.TimeZone, s.NextRunAt, s.CreatedBy, s.CreatedAt);
}
