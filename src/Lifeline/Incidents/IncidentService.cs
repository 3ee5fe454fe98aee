using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Incidents;

/// <summary>
/// Every change to an incident goes through here, whoever asks (the API, later an SMS reply or the
/// engine): validate, change the entity, write the timeline, tell the observers, save once.
/// Every command names its actor, whose name goes on the timeline. Which roles may call which command is the
/// endpoints' policy; who may acknowledge what, by which channel, is <see cref="Acknowledgements.Acknowledger"/>'s.
/// </summary>
public sealed partial class IncidentService(LifelineDbContext db, IncidentTimeline timeline, IncidentNumbers numbers, SeverityClassifier classifier,
    IEnumerable<IIncidentObserver> observers, IOptions<IncidentOptions> options, TimeProvider time, ILogger<IncidentService> logger)
{
    public Task<Incident?> FindAsync(string number, CancellationToken ct) =>
        FindNormalisedAsync(IncidentNumbers.Normalise(number), ct);

    private Task<Incident?> FindNormalisedAsync(string number, CancellationToken ct) =>
        db.Incidents.Include(i => i.Level2Teams).Include(i => i.StatusUpdates).FirstOrDefaultAsync(i => i.Number == number, ct);

    public Task<IncidentOutcome> AcknowledgeAsync(string number, Guid? personId, Actor actor, string channel, CancellationToken ct) =>
        AcknowledgeAsync(number, personId, actor, channel, Backdate.Now, ct);

    public async Task<IncidentOutcome> AcknowledgeAsync(string number, Guid? personId, Actor actor, string channel, Backdate when, CancellationToken ct)
    {
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var v = new Validator().Required("channel", channel, 32);
        var person = personId is { } id ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) : null;
        if (personId is not null && person is null)
        {
            v.Add("personId", $"No person with id {personId}.");
        }
        var now = time.GetUtcNow();
        var at = when.Check(v, incident, incident.OpenedAt, "the incident was opened", now);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.CanMove(incident.Status, IncidentStatus.Acknowledged))
        {
            return IncidentFailure.Refused(incident, "acknowledged");
        }
        incident.Acknowledge(personId, at);
        timeline.Append(incident.Id, TimelineKinds.Acknowledged,
            $"Acknowledged by {actor.Name} via {channel.Trim()}" + (person is null ? "." : $"; {person.Name} is the incident manager."), actor.Name, at, when.OccurredAt is not null);
        return await CommitAsync(incident, IncidentChangeKind.Acknowledged, actor.Name, at, ct, quiet: when.IsQuiet);
    }

    public Task<IncidentOutcome> PostStatusUpdateAsync(string number, string text, string? isolatedTo, DateTimeOffset? expectedResolutionAt,
        Actor actor, CancellationToken ct) => PostStatusUpdateAsync(number, text, isolatedTo, expectedResolutionAt, actor, Backdate.Now, ct);

    public async Task<IncidentOutcome> PostStatusUpdateAsync(string number, string text, string? isolatedTo, DateTimeOffset? expectedResolutionAt,
        Actor actor, Backdate when, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "post status updates") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var v = new Validator().Required("text", text, 4000).Optional("isolatedTo", isolatedTo, 500);
        var now = time.GetUtcNow();
        var at = when.Check(v, incident, incident.OpenedAt, "the incident was opened", now);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.IsActive(incident.Status))
        {
            return IncidentFailure.Refused(incident, "given a status update");
        }
        incident.PostStatusUpdate(text, isolatedTo, expectedResolutionAt, actor.Name, at);
        var details = (string.IsNullOrWhiteSpace(isolatedTo) ? "" : $" Isolated to: {isolatedTo.Trim()}.")
            + (expectedResolutionAt is { } eta ? $" Expected resolution by {eta.ToUniversalTime():yyyy-MM-dd HH:mm} UTC." : "");
        timeline.Append(incident.Id, TimelineKinds.StatusUpdate, $"Status update: {text.Trim()}{details}", actor.Name, at, when.OccurredAt is not null);
        return await CommitAsync(incident, IncidentChangeKind.StatusUpdatePosted, actor.Name, at, ct, quiet: when.IsQuiet);
    }

    public Task<IncidentOutcome> ResolveAsync(string number, string summary, Actor actor, CancellationToken ct) =>
        ResolveAsync(number, summary, actor, Backdate.Now, ct);

    public async Task<IncidentOutcome> ResolveAsync(string number, string summary, Actor actor, Backdate when, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "resolve incidents") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var v = new Validator().Required("summary", summary, 4000);
        var now = time.GetUtcNow();
        var at = when.Check(v, incident, incident.AcknowledgedAt ?? incident.OpenedAt,
            incident.AcknowledgedAt is null ? "the incident was opened" : "it was acknowledged", now);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.CanMove(incident.Status, IncidentStatus.Resolved))
        {
            return IncidentFailure.Refused(incident, "resolved");
        }
        incident.Resolve(summary, at);
        timeline.Append(incident.Id, TimelineKinds.Resolved, $"Resolved by {actor.Name}: {summary.Trim()}", actor.Name, at, when.OccurredAt is not null);
        return await CommitAsync(incident, IncidentChangeKind.Resolved, actor.Name, at, ct, quiet: when.IsQuiet);
    }

    /// <summary>Closes a resolved incident and creates the customer satisfaction survey; the outcome carries its link.</summary>
    public Task<IncidentOutcome> CloseAsync(string number, Actor actor, CancellationToken ct) => CloseAsync(number, actor, Backdate.Now, ct);

    /// <summary>Back-dated without notify, the survey is created (its link is in the outcome) but not sent to the customer.</summary>
    public async Task<IncidentOutcome> CloseAsync(string number, Actor actor, Backdate when, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentDesk, "close incidents") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var now = time.GetUtcNow();
        var v = new Validator();
        var at = when.Check(v, incident, incident.ResolvedAt ?? incident.OpenedAt, "it was resolved", now);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.CanMove(incident.Status, IncidentStatus.Closed))
        {
            return IncidentFailure.Refused(incident, "closed");
        }
        incident.Close(at);
        // The survey's validity runs from now: the customer is asked now, whenever the incident was closed on paper.
        var (survey, token) = SurveyInvitation.Create(incident.Id, now, TimeSpan.FromDays(options.Value.SurveyValidDays));
        db.SurveyInvitations.Add(survey);
        timeline.Append(incident.Id, TimelineKinds.Closed, $"Closed by {actor.Name}.", actor.Name, at, when.OccurredAt is not null);
        // The link is the customer's credential: the timeline says that it was sent, not what it is.
        timeline.Append(incident.Id, TimelineKinds.SurveySent,
            $"Customer satisfaction survey created for {incident.ReporterName ?? "the reporter"}; the link works once, until {survey.ExpiresAt:yyyy-MM-dd HH:mm} UTC.", actor.Name);
        var outcome = await CommitAsync(incident, IncidentChangeKind.Closed, actor.Name, at, ct, token, when.IsQuiet);
        return outcome.Failure is null ? outcome with { SurveyLink = Surveys.SurveyLinks.PathFor(token), SurveyExpiresAt = survey.ExpiresAt } : outcome;
    }

    public async Task<IncidentOutcome> ReopenAsync(string number, string reason, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "reopen incidents") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var v = new Validator().Required("reason", reason, 1000);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (incident.Status != IncidentStatus.Resolved)
        {
            return IncidentFailure.Refused(incident, "reopened");
        }
        var now = time.GetUtcNow();
        incident.Reopen();
        timeline.Append(incident.Id, TimelineKinds.Reopened, $"Reopened by {actor.Name} ({incident.Status}): {reason.Trim()}", actor.Name);
        return await CommitAsync(incident, IncidentChangeKind.Reopened, actor.Name, now, ct);
    }

    /// <summary>Overrides the severity with a reason; raising an open incident to an escalating level starts the escalation.</summary>
    public async Task<IncidentOutcome> ChangeSeverityAsync(string number, int severity, string reason, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "change the severity") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == severity, ct);
        var v = new Validator().Required("reason", reason, 1000);
        if (level is null)
        {
            v.Add("severity", $"No severity level {severity}.");
        }
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.IsActive(incident.Status))
        {
            return IncidentFailure.Refused(incident, "re-classified");
        }
        if (incident.Severity == severity)
        {
            return IncidentOutcome.Of(incident);
        }
        var now = time.GetUtcNow();
        var (previous, previousStatus) = (incident.Severity, incident.Status);
        incident.ChangeSeverity(severity, level!.Procedure == SeverityProcedure.Escalation);
        timeline.Append(incident.Id, TimelineKinds.SeverityChanged,
            $"Severity changed from {previous} to {severity} ({level.Name}) by {actor.Name}: {reason.Trim()}"
            + (incident.ProposedSeverity is { } proposed ? $" (proposed: Severity {proposed})." : "."), actor.Name);
        if (incident.Status != previousStatus)
        {
            timeline.Append(incident.Id, TimelineKinds.StatusChanged, incident.Status == IncidentStatus.Escalating
                ? $"Severity {severity} follows the escalation procedure: escalation started."
                : $"Severity {severity} follows the normal business process: escalation stopped.", actor.Name);
        }
        return await CommitAsync(incident, IncidentChangeKind.SeverityChanged, actor.Name, now, ct);
    }

    /// <summary>
    /// Starts paging now for an open incident whose severity follows the escalation procedure but which is not escalating:
    /// one entered from a manual log without notifying, that turns out to need people now.
    /// </summary>
    public async Task<IncidentOutcome> StartEscalationAsync(string number, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "start an escalation") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == incident.Severity, ct);
        if (incident.Status != IncidentStatus.Open || level?.Procedure != SeverityProcedure.Escalation)
        {
            return IncidentFailure.Refused(incident, "escalated");
        }
        var now = time.GetUtcNow();
        incident.StartEscalating();
        timeline.Append(incident.Id, TimelineKinds.StatusChanged, $"Escalation started now by {actor.Name}: Severity {incident.Severity} follows the escalation procedure.", actor.Name);
        return await CommitAsync(incident, IncidentChangeKind.EscalationStarted, actor.Name, now, ct);
    }

    public async Task<IncidentOutcome> AssignIncidentManagerAsync(string number, Guid personId, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "assign the incident manager") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        if (await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct) is not { } person)
        {
            return IncidentFailure.Invalid(new Dictionary<string, string[]> { ["personId"] = [$"No person with id {personId}."] });
        }
        if (!IncidentLifecycle.IsActive(incident.Status))
        {
            return IncidentFailure.Refused(incident, "given another incident manager");
        }
        var now = time.GetUtcNow();
        incident.AssignIncidentManager(personId);
        timeline.Append(incident.Id, TimelineKinds.IncidentManagerAssigned, $"{person.Name} is the incident manager (set by {actor.Name}).", actor.Name);
        return await CommitAsync(incident, IncidentChangeKind.IncidentManagerAssigned, actor.Name, now, ct);
    }

    /// <summary>The incident manager names the Level 2 groups that restore service (the escalation engine pages them).</summary>
    public Task<IncidentOutcome> NameLevel2TeamsAsync(string number, IReadOnlyList<Guid> teamIds, Actor actor, CancellationToken ct) =>
        NameLevel2TeamsAsync(number, teamIds, actor, Backdate.Now, ct);

    /// <summary>Back-dated without notify, the teams are recorded as engaged then (they worked on it from the manual log) and not paged now.</summary>
    public async Task<IncidentOutcome> NameLevel2TeamsAsync(string number, IReadOnlyList<Guid> teamIds, Actor actor, Backdate when, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentRunners, "name Level 2 teams") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return IncidentFailure.NotFound(number);
        }
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var v = new Validator();
        if (teamIds.Count == 0)
        {
            v.Add("teamIds", "Name at least one Level 2 team.");
        }
        if (teamIds.Except(teams.Select(t => t.Id)).ToList() is { Count: > 0 } unknown)
        {
            v.Add("teamIds", $"No team with id {string.Join(", ", unknown)}.");
        }
        var now = time.GetUtcNow();
        var at = when.Check(v, incident, incident.OpenedAt, "the incident was opened", now);
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }
        if (!IncidentLifecycle.IsActive(incident.Status))
        {
            return IncidentFailure.Refused(incident, "given Level 2 teams");
        }
        incident.NameLevel2Teams(teamIds);
        timeline.Append(incident.Id, TimelineKinds.Level2TeamsNamed,
            $"Level 2 groups named by {actor.Name}: {string.Join(", ", teams.Select(t => t.Name).Order())}."
            + (when.IsQuiet ? " Entered from the manual log: they were engaged then, and are not paged now." : ""), actor.Name, at, when.OccurredAt is not null);
        return await CommitAsync(incident, IncidentChangeKind.Level2TeamsNamed, actor.Name, at, ct, quiet: when.IsQuiet);
    }

    private async Task<IncidentOutcome> CommitAsync(Incident incident, IncidentChangeKind kind, string actor, DateTimeOffset at, CancellationToken ct,
        string? surveyToken = null, bool quiet = false)
    {
        var change = new IncidentChange(incident, kind, actor, at) { SurveyToken = surveyToken, Quiet = quiet };
        foreach (var observer in observers)
        {
            await observer.OnIncidentChangedAsync(change, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IncidentFailure.ChangedMeanwhile(incident.Number);
        }
        logger.LogInformation("Incident {Number} {Change} by {Actor}; now {Status}, Severity {Severity}", incident.Number, kind, actor, incident.Status, incident.Severity);
        return IncidentOutcome.Of(incident);
    }
}
