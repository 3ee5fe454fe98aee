using Lifeline.Communication;
using Lifeline.Escalation.Policies;
using Lifeline.Targets;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.Escalation;

/// <summary>
/// Decides what an incident change sets in motion, in the same transaction as the change: starts
/// the escalation (severity whose procedure escalates) or queues the ticket for the owning team,
/// stops paging on acknowledgement, engages Level 2 teams,
/// and tells the stakeholders. The engine carries out what is written here when it falls due.
/// </summary>
public sealed class EscalationPlanner(LifelineDbContext db, StakeholderNotifier stakeholders,
    NotificationOutbox outbox, IncidentTimeline timeline, TimeProvider time) : IIncidentObserver
{
    /// <summary>How a Level 2 team without a policy of its own is paged: every member at once.</summary>
    private static readonly IReadOnlyList<NotificationChannel> TeamChannels = [NotificationChannel.Sms, NotificationChannel.Voice];
    private static readonly TimeSpan TeamWait = TimeSpan.FromMinutes(15);

    public async Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        if (incident.IsDrill)
        {
            await OnDrillChangedAsync(change, ct);
            return;
        }
        if (change.Quiet)
        {
            await RecordQuietlyAsync(change, ct);
            return;
        }
        switch (change.Kind)
        {
            case IncidentChangeKind.Opened:
                if (incident.Status == IncidentStatus.Escalating)
                {
                    await StartAsync(incident, ct);
                }
                else
                {
                    await QueueForOwningTeamsAsync(incident, ct);
                }
                break;
            case IncidentChangeKind.SeverityChanged or IncidentChangeKind.EscalationStarted:
                if (incident.Status == IncidentStatus.Escalating && !await HasActiveRunAsync(incident.Id, null, ct))
                {
                    await StartAsync(incident, ct);
                }
                else if (incident.Status == IncidentStatus.Open)
                {
                    // Lowered below the escalating levels: the incident's own paging stops; Level 2 teams already engaged go on.
                    await StopAsync(incident, ownOnly: true, $"Severity {incident.Severity} does not escalate", ct);
                }
                break;
            case IncidentChangeKind.Acknowledged:
                await AcknowledgeRunAsync(incident.Id, null, change.Actor, "incident acknowledged", ct);
                break;
            case IncidentChangeKind.Level2TeamsNamed:
                await EngageTeamsAsync(incident, ct);
                break;
            case IncidentChangeKind.StatusUpdatePosted:
                var update = incident.StatusUpdates.OrderByDescending(u => u.PostedAt).FirstOrDefault();
                if (update is not null)
                {
                    await stakeholders.NotifyAsync(incident, CommunicationEvent.StatusUpdate, update.Id.ToString("N"), update.Id, ct);
                }
                break;
            case IncidentChangeKind.Resolved:
                await StopAsync(incident, ownOnly: false, "the incident is resolved", ct);
                await stakeholders.NotifyAsync(incident, CommunicationEvent.Resolved, $"resolved-{change.At.UtcTicks}", null, ct);
                break;
            case IncidentChangeKind.Closed:
                await StopAsync(incident, ownOnly: false, "the incident is closed", ct);
                break;
        }
    }

    /// <summary>
    /// An event in the past, entered from a manual log without "notify now": nobody is paged or told. Level 2 teams named
    /// then are recorded as engaged (a run that is already over), so naming another team later does not page them now;
    /// acknowledgement and resolution still end any paging that is running.
    /// </summary>
    private async Task RecordQuietlyAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        switch (change.Kind)
        {
            case IncidentChangeKind.Opened:
                var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
                timeline.Append(incident.Id, EscalationTimelineKinds.EscalationStarted, level?.Procedure == Severity.SeverityProcedure.Escalation
                    ? $"Entered from a manual log: nobody was paged or notified for an incident that began at {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC. "
                      + $"If it still needs people now, escalate it (POST /api/v1/incidents/{incident.Number}/escalate)."
                    : "Entered from a manual log: nobody was notified.", "engine", incident.OpenedAt, fromManualLog: true);
                break;
            case IncidentChangeKind.Level2TeamsNamed:
                var engaged = await db.EscalationRuns.Where(r => r.IncidentId == incident.Id && r.TeamId != null).Select(r => r.TeamId!.Value).ToListAsync(ct);
                foreach (var teamId in incident.Level2TeamIds.Except(engaged))
                {
                    var run = new EscalationRun(incident.Id, teamId, new PolicySnapshot(null, "engaged from a manual log", 0, []), change.At);
                    run.Stop(change.At);
                    db.EscalationRuns.Add(run);
                }
                break;
            case IncidentChangeKind.Acknowledged:
                await AcknowledgeRunAsync(incident.Id, null, change.Actor, "incident acknowledged", ct);
                break;
            case IncidentChangeKind.Resolved or IncidentChangeKind.Closed:
                await StopAsync(incident, ownOnly: false, $"the incident is {incident.Status.ToString().ToLowerInvariant()}", ct);
                break;
        }
    }

    /// <summary>
    /// A drill pages its policy and nothing else: no stakeholder is told, no Level 2 team is engaged, and an
    /// acknowledgement does not stop it (every person paged answers for themselves). Its escalation is started by the
    /// drill (<see cref="StartDrill"/>); resolving or closing the drill incident ends it early.
    /// </summary>
    private async Task OnDrillChangedAsync(IncidentChange change, CancellationToken ct)
    {
        var incident = change.Incident;
        switch (change.Kind)
        {
            case IncidentChangeKind.Acknowledged:
                timeline.Append(incident.Id, EscalationTimelineKinds.DrillContinues,
                    "Drill: the acknowledgement does not stop it; every tier is paged and each person paged answers for themselves.", "engine");
                break;
            case IncidentChangeKind.Level2TeamsNamed:
                timeline.Append(incident.Id, EscalationTimelineKinds.DrillContinues, "Drill: Level 2 teams are not paged; a drill pages only its policy.", "engine");
                break;
            case IncidentChangeKind.Resolved or IncidentChangeKind.Closed:
                await StopAsync(incident, ownOnly: false, $"the drill is {incident.Status.ToString().ToLowerInvariant()}", ct);
                break;
        }
    }

    /// <summary>
    /// Starts a drill's escalation: the policy once through (no repeats), in the same unit of work as the drill incident.
    /// </summary>
    public EscalationRun StartDrill(Incident incident, PolicySnapshot policy)
    {
        var snapshot = policy with { RepeatCount = 0 };
        var run = Begin(incident.Id, null, snapshot);
        timeline.Append(incident.Id, EscalationTimelineKinds.EscalationStarted,
            $"Drill started with '{snapshot.Name}': {snapshot.Tiers.Count} tier(s), each paged once. Every person paged is asked to acknowledge; "
            + "a tier ends when all its people have answered or its wait is over. Nobody else is told.", "engine");
        return run;
    }

    /// <summary>
    /// A person paged by a drill answered one page. When everyone the current tier paged has answered on at least one
    /// channel, the tier's wait is over: the next step (the next tier, or the end) is brought forward to now.
    /// </summary>
    public async Task DrillAnsweredAsync(Guid runId, Guid notificationId, CancellationToken ct)
    {
        var run = await db.EscalationRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || !run.IsActive || run.LastPagedAt is null)
        {
            return;
        }
        var tierKey = $"run:{run.Id:N}:c{run.Cycle}:t{run.Tier}:";
        var pages = await db.Notifications.AsNoTracking().Where(n => n.EscalationRunId == run.Id && n.IdempotencyKey.StartsWith(tierKey) && n.PersonId != null)
            .Select(n => new { n.Id, PersonId = n.PersonId!.Value }).ToListAsync(ct);
        var pageIds = pages.Select(p => p.Id).ToList();
        var answered = (await db.PageAnswers.AsNoTracking().Where(a => pageIds.Contains(a.NotificationId)).Select(a => a.NotificationId).ToListAsync(ct))
            .Append(notificationId).ToHashSet();
        if (pages.Count == 0 || !pages.GroupBy(p => p.PersonId).All(g => g.Any(p => answered.Contains(p.Id))))
        {
            return;
        }
        var now = time.GetUtcNow();
        var next = await db.EngineJobs.Where(j => j.EscalationRunId == run.Id && j.DoneAt == null).ToListAsync(ct);
        next.ForEach(j => j.BringForward(now));
    }

    /// <summary>Starts the incident's own escalation with a snapshot of its service's policy.</summary>
    private async Task StartAsync(Incident incident, CancellationToken ct)
    {
        var policyId = await db.Services.Where(s => s.Id == incident.ServiceId).Select(s => s.EscalationPolicyId).FirstOrDefaultAsync(ct);
        var policy = policyId is { } id
            ? await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            : await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.IsDefault, ct);
        if (policy is null)
        {
            timeline.Append(incident.Id, EscalationTimelineKinds.EscalationStarted,
                "No escalation policy applies (the service names none and there is no default): nobody is paged. Call the Severity 1 contacts by hand.", "engine");
            return;
        }
        var run = Begin(incident.Id, null, new PolicySnapshot(policy.Id, policy.Name, policy.RepeatCount, policy.Tiers));
        timeline.Append(incident.Id, EscalationTimelineKinds.EscalationStarted,
            $"Escalation started with '{policy.Name}': {policy.Tiers.Count} tier(s), repeated {policy.RepeatCount} time(s).", "engine");
        await stakeholders.NotifyAsync(incident, CommunicationEvent.EscalationStarted, run.Id.ToString("N"), null, ct);
    }

    private EscalationRun Begin(Guid incidentId, Guid? teamId, PolicySnapshot snapshot)
    {
        var now = time.GetUtcNow();
        var run = new EscalationRun(incidentId, teamId, snapshot, now);
        db.EscalationRuns.Add(run);
        db.EngineJobs.Add(TierPager.StepJob(run, 0, 0, now, now));
        return run;
    }

    private async Task EngageTeamsAsync(Incident incident, CancellationToken ct)
    {
        var engaged = await db.EscalationRuns.Where(r => r.IncidentId == incident.Id && r.TeamId != null).Select(r => r.TeamId!.Value).ToListAsync(ct);
        var teamIds = incident.Level2TeamIds.Except(engaged).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToListAsync(ct);
        foreach (var team in teams)
        {
            var policy = team.EscalationPolicyId is { } policyId ? await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct) : null;
            var snapshot = policy is not null
                ? new PolicySnapshot(policy.Id, policy.Name, policy.RepeatCount, policy.Tiers)
                : new PolicySnapshot(null, $"all members of {team.Name}", 0, [new EscalationTier([new EscalationTarget(TargetKind.Team, team.Id)], TeamChannels, TeamWait)]);
            Begin(incident.Id, team.Id, snapshot);
            timeline.Append(incident.Id, EscalationTimelineKinds.TeamPaged,
                $"Engaging Level 2 {team.Name} ({snapshot.Name}) with the ticket number and the conference bridge.", "engine");
        }
    }

    /// <summary>Ends a run that was answered: its pending steps and unsent pages are dropped.</summary>
    public async Task<bool> AcknowledgeRunAsync(Guid incidentId, Guid? teamId, string by, string via, CancellationToken ct)
    {
        var run = await db.EscalationRuns.FirstOrDefaultAsync(r => r.IncidentId == incidentId && r.TeamId == teamId && r.State == EscalationRunState.Active, ct);
        if (run is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        run.Acknowledge(by, via, now);
        await EndPendingWorkAsync(run, "acknowledged", ct);
        if (teamId is { } team)
        {
            var name = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync(ct);
            timeline.Append(incidentId, EscalationTimelineKinds.TeamAcknowledged, $"Level 2 {name} acknowledged ({by}, {via}); its paging stopped.", by);
        }
        else
        {
            timeline.Append(incidentId, EscalationTimelineKinds.EscalationStopped, $"Escalation stopped: acknowledged by {by} ({via}).", "engine");
        }
        return true;
    }

    private async Task StopAsync(Incident incident, bool ownOnly, string why, CancellationToken ct)
    {
        var runs = await db.EscalationRuns.Where(r => r.IncidentId == incident.Id && r.State == EscalationRunState.Active && (!ownOnly || r.TeamId == null)).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.Stop(time.GetUtcNow());
            await EndPendingWorkAsync(run, "stopped", ct);
        }
        if (runs.Count > 0)
        {
            timeline.Append(incident.Id, EscalationTimelineKinds.EscalationStopped, $"Paging stopped: {why}.", "engine");
        }
    }

    private async Task EndPendingWorkAsync(EscalationRun run, string outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var jobs = await db.EngineJobs.Where(j => j.EscalationRunId == run.Id && j.DoneAt == null).ToListAsync(ct);
        jobs.ForEach(j => j.Complete(now, outcome));
        await outbox.CancelPendingAsync(run.Id, ct);
    }

    private Task<bool> HasActiveRunAsync(Guid incidentId, Guid? teamId, CancellationToken ct) =>
        db.EscalationRuns.AnyAsync(r => r.IncidentId == incidentId && r.TeamId == teamId && r.State == EscalationRunState.Active, ct);

    /// <summary>The normal business process: the service area's teams hear by their mailbox; nobody is paged.</summary>
    private async Task QueueForOwningTeamsAsync(Incident incident, CancellationToken ct)
    {
        var teams = await (from s in db.Services
                           join at in db.Set<Lifeline.Directory.Services.ServiceAreaTeam>() on s.ServiceAreaId equals at.ServiceAreaId
                           join t in db.Teams on at.TeamId equals t.Id
                           where s.Id == incident.ServiceId
                           orderby t.Name
                           select new { t.Id, t.Name, t.Email }).ToListAsync(ct);
        var queued = new List<string>();
        foreach (var team in teams.Where(t => t.Email is not null))
        {
            outbox.EnqueueToMailbox($"queue:{incident.Id:N}", incident.Id, team.Id, team.Email!, TemplateKeys.QueueNotice);
            queued.Add(team.Name);
        }
        timeline.Append(incident.Id, EscalationTimelineKinds.QueuedForTeam, queued.Count == 0
            ? $"Severity {incident.Severity} follows the normal business process; the service's area has no team mailbox to queue it for."
            : $"Severity {incident.Severity} follows the normal business process (no paging): queued for {string.Join(", ", queued)} by e-mail.", "engine");
    }
}
