using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Communication;
using Lifeline.Directory.People;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Acknowledgements;

/// <summary>
/// The one owner of "who may acknowledge what, by which channel, and what that stops". The API, the console,
/// SMS replies, voice keypresses and e-mail links are thin adapters onto it.
/// <list type="bullet">
/// <item>A signed-in actor acknowledges an incident as incident manager or admin, and a Level 2 team's page as a
/// member of the team, an incident manager or an admin; a stakeholder task is confirmed by the person it is for,
/// an incident manager or an admin.</item>
/// <item>A channel answer counts only from the person a page notification was sent to, on that page's channel, while
/// the escalation that sent it is still paging: an SMS reply from the cell phone the page went to, a keypress in
/// that very call, the link in that very mail. It acknowledges what the page was for (the incident, or its
/// Level 2 team). Each page answers once (<see cref="PageAnswer"/>), so a replayed message or call does nothing.</item>
/// <item>Informational notices (stakeholder notices, reminders, survey invitations) never acknowledge; a notice
/// that asks its recipient to do something is answered by confirming that task.</item>
/// </list>
/// </summary>
public sealed class Acknowledger(LifelineDbContext db, IncidentService incidents, EscalationPlanner planner, IncidentTimeline timeline,
    CurrentActor current, TimeProvider time, ILogger<Acknowledger> logger)
{
    /// <summary>How long after it was sent a page can still be answered through its channel (the same as an e-mail link).</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromHours(24);

    /// <summary>A signed-in incident manager (or admin) acknowledges; the person defaults to the one linked to the actor's account.</summary>
    public Task<IncidentOutcome> AcknowledgeIncidentAsync(Actor actor, string number, Guid? personId, string via, CancellationToken ct) =>
        AcknowledgeIncidentAsync(actor, number, personId, via, Backdate.Now, ct);

    /// <summary>The same, for an incident entered from a manual log: acknowledged at the time the log gives.</summary>
    public async Task<IncidentOutcome> AcknowledgeIncidentAsync(Actor actor, string number, Guid? personId, string via, Backdate when, CancellationToken ct)
    {
        if (!actor.IsInAnyRole(LifelineRoles.IncidentManager, LifelineRoles.Admin))
        {
            return IncidentFailure.Forbidden("Only an incident manager or an admin may acknowledge an incident.");
        }
        current.Use(actor);
        personId ??= actor.PersonId ?? await db.Users.AsNoTracking().Where(a => a.Id == actor.AccountId).Select(a => a.PersonId).FirstOrDefaultAsync(ct);
        return await incidents.AcknowledgeAsync(number, personId, actor, via, when, ct);
    }

    /// <summary>A signed-in member of the team (or an incident manager, or an admin) acknowledges the team's page.</summary>
    public async Task<Outcome<Incident>> AcknowledgeTeamAsync(Actor actor, string number, Guid teamId, string via, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Number == IncidentNumbers.Normalise(number), ct);
        if (incident is null)
        {
            return Refusal.NotFound("incident", number);
        }
        var member = actor.PersonId is { } personId && await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.PersonId == personId, ct);
        if (!member && !actor.IsInAnyRole(LifelineRoles.IncidentManager, LifelineRoles.Admin))
        {
            return Refusal.Forbidden("Only a member of the team, an incident manager or an admin may acknowledge the team's page.");
        }
        current.Use(actor);
        if (!await planner.AcknowledgeRunAsync(incident.Id, teamId, actor.Name, via, ct))
        {
            return Refusal.Conflict($"No page to {teamId} is running on {incident.Number}: the team was not named, or has acknowledged already.", "Nothing to acknowledge");
        }
        await db.SaveChangesAsync(ct);
        return incident;
    }

    /// <summary>The person a stakeholder task is for (or an incident manager, or an admin) confirms it is done.</summary>
    public async Task<Outcome<StakeholderTask>> ConfirmTaskAsync(Actor actor, string number, Guid taskId, CancellationToken ct)
    {
        var normalised = IncidentNumbers.Normalise(number);
        var task = await (from t in db.StakeholderTasks
                          join i in db.Incidents on t.IncidentId equals i.Id
                          where t.Id == taskId && i.Number == normalised
                          select t).FirstOrDefaultAsync(ct);
        if (task is null)
        {
            return Refusal.NotFound("task", taskId);
        }
        if (task.PersonId != actor.PersonId && !actor.IsInAnyRole(LifelineRoles.IncidentManager, LifelineRoles.Admin))
        {
            return Refusal.Forbidden("Only the person the task is for, an incident manager or an admin may confirm it.");
        }
        current.Use(actor);
        return await ConfirmAsync(task, actor.Name, ct) ? task
            : Refusal.Conflict($"The task was already confirmed by {task.ConfirmedBy} at {task.ConfirmedAt:u}.", "Already confirmed");
    }

    /// <summary>
    /// An SMS reply from <paramref name="from"/>: acknowledges the page that went to that cell phone for the incident
    /// <paramref name="incidentNumber"/> names (normalised), or, without a number, the one incident paging that phone.
    /// </summary>
    public async Task<PageAnswerResult> AnswerSmsAsync(string from, string? incidentNumber, CancellationToken ct)
    {
        var methodIds = await db.ContactMethods.AsNoTracking().Where(m => m.Kind == ContactMethodKind.CellPhone && m.Value == from).Select(m => m.Id).ToListAsync(ct);
        if (methodIds.Count == 0)
        {
            logger.LogInformation("An SMS answer came from a number that is no one's cell phone; nothing changed");
            return PageAnswerResult.NotPaged;
        }
        var since = time.GetUtcNow() - AnswerWindow;
        var pages = await (from n in db.Notifications
                           where n.ContactMethodId != null && methodIds.Contains(n.ContactMethodId.Value) && n.Channel == NotificationChannel.Sms
                               && (n.Template == TemplateKeys.TierPage || n.Template == TemplateKeys.Level2Page) && n.SentAt != null && n.SentAt >= since
                           join r in db.EscalationRuns on n.EscalationRunId equals (Guid?)r.Id
                           join i in db.Incidents on n.IncidentId equals (Guid?)i.Id
                           where incidentNumber == null || i.Number == incidentNumber
                           select new { Page = n, Active = r.State == EscalationRunState.Active, i.Number }).ToListAsync(ct);
        if (pages.Count == 0)
        {
            logger.LogInformation("An SMS answer matches no page sent to that phone; nothing changed");
            return PageAnswerResult.NotPaged;
        }
        var live = pages.Where(p => p.Active).OrderByDescending(p => p.Page.SentAt).ThenByDescending(p => p.Page.Id).ToList();
        if (live.Count == 0)
        {
            return new PageAnswerResult(PageAnswerOutcome.NoLongerPaging, pages[0].Number);
        }
        if (live.Select(p => p.Number).Distinct().Count() > 1)
        {
            return new PageAnswerResult(PageAnswerOutcome.Ambiguous);
        }
        return await AnswerPageAsync(live[0].Page, AcknowledgementChannels.SmsReply, ct);
    }

    /// <summary>
    /// A key pressed during a call Lifeline placed: 4 acknowledges a page; 1 confirms the task a notice asked for.
    /// The call is named by its notification and must be that notification's call (<paramref name="callSid"/>).
    /// </summary>
    public async Task<PageAnswerResult> AnswerCallAsync(Guid notificationId, string callSid, string digits, CancellationToken ct)
    {
        var call = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId, ct);
        if (call is null || call.Channel != NotificationChannel.Voice || call.ProviderMessageId is null || call.ProviderMessageId != callSid)
        {
            logger.LogInformation("A keypress named a call Lifeline did not place; nothing changed");
            return PageAnswerResult.NotPaged;
        }
        var key = digits.Trim();
        if (TemplateKeys.IsPage(call.Template))
        {
            return key == VoiceKeys.Acknowledge ? await AnswerPageAsync(call, AcknowledgementChannels.VoiceKeypress, ct) : PageAnswerResult.NotPaged;
        }
        if (call.Instruction is { } instruction && key == VoiceKeys.ConfirmTask && call.IncidentId is { } incidentId && call.PersonId is { } personId)
        {
            var task = await db.StakeholderTasks.FirstOrDefaultAsync(t => t.IncidentId == incidentId && t.PersonId == personId && t.Text == instruction, ct);
            if (task is null)
            {
                return PageAnswerResult.NotPaged;
            }
            var name = await NameOfAsync(personId, ct);
            current.Use(Actor.Person(personId, name));
            var number = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Number).FirstAsync(ct);
            return await ConfirmAsync(task, $"{name} ({AcknowledgementChannels.VoiceKeypress})", ct)
                ? new PageAnswerResult(PageAnswerOutcome.TaskConfirmed, number, name, Detail: task.Text)
                : new PageAnswerResult(PageAnswerOutcome.AlreadyAnswered, number, name);
        }
        return PageAnswerResult.NotPaged;
    }

    /// <summary>The acknowledgement link of a page mail: it names its notification and the person it was sent to.</summary>
    public async Task<PageAnswerResult> AnswerLinkAsync(Guid notificationId, Guid personId, CancellationToken ct)
    {
        var mail = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId, ct);
        if (mail is null || mail.Channel != NotificationChannel.Email || mail.PersonId != personId || !TemplateKeys.IsPage(mail.Template))
        {
            return PageAnswerResult.NotPaged;
        }
        return await AnswerPageAsync(mail, AcknowledgementChannels.EmailLink, ct);
    }

    /// <summary>
    /// Acknowledges what <paramref name="page"/> was sent for: the incident when it came from the incident's own
    /// escalation, or the Level 2 team it paged. The answer is recorded in the same save, once per page.
    /// </summary>
    private async Task<PageAnswerResult> AnswerPageAsync(Notification page, string via, CancellationToken ct)
    {
        if (page.EscalationRunId is not { } runId || page.IncidentId is not { } incidentId || page.PersonId is not { } personId)
        {
            return PageAnswerResult.NotPaged;
        }
        var run = await db.EscalationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => new { i.Number, i.IsDrill }).FirstAsync(ct);
        var number = incident.Number;
        var name = await NameOfAsync(personId, ct);
        if (await db.PageAnswers.AnyAsync(a => a.NotificationId == page.Id, ct))
        {
            return new PageAnswerResult(PageAnswerOutcome.AlreadyAnswered, number, name);
        }
        if (run is null || !run.IsActive)
        {
            return new PageAnswerResult(PageAnswerOutcome.NoLongerPaging, number, name);
        }
        var actor = Actor.Person(personId, name);
        current.Use(actor);
        var now = time.GetUtcNow();
        db.PageAnswers.Add(new PageAnswer(page.Id, incidentId, personId, run.TeamId, now));
        try
        {
            if (incident.IsDrill)
            {
                // A drill stops for nobody: the answer is this person's, on this channel, and the time it took is what the drill measures.
                var seconds = (now - page.CreatedAt).TotalSeconds;
                timeline.Append(incidentId, EscalationTimelineKinds.DrillAnswered,
                    $"Drill: {name} answered the {page.Channel} page ({via}) {seconds:0} s after it was queued.", name);
                await planner.DrillAnsweredAsync(runId, page.Id, ct);
                await db.SaveChangesAsync(ct);
                return new PageAnswerResult(PageAnswerOutcome.DrillAnswered, number, name);
            }
            if (run.TeamId is { } teamId)
            {
                var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
                if (!await planner.AcknowledgeRunAsync(incidentId, teamId, name, via, ct))
                {
                    return new PageAnswerResult(PageAnswerOutcome.NoLongerPaging, number, name, team);
                }
                await db.SaveChangesAsync(ct);
                return new PageAnswerResult(PageAnswerOutcome.TeamAcknowledged, number, name, team);
            }
            var outcome = await incidents.AcknowledgeAsync(number, personId, actor, via, ct);
            return outcome.Failure is { } failure
                ? new PageAnswerResult(PageAnswerOutcome.Refused, number, name, Detail: failure.Detail)
                : new PageAnswerResult(PageAnswerOutcome.Acknowledged, number, name);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The page's answer is unique: the same answer arrived twice at once, and the other one acted.
            return new PageAnswerResult(PageAnswerOutcome.AlreadyAnswered, number, name);
        }
    }

    private async Task<bool> ConfirmAsync(StakeholderTask task, string by, CancellationToken ct)
    {
        if (!task.Confirm(by, time.GetUtcNow()))
        {
            return false;
        }
        var person = await db.People.Where(p => p.Id == task.PersonId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "(deleted)";
        timeline.Append(task.IncidentId, CommunicationTimelineKinds.TaskConfirmed, $"{person} confirmed: {task.Text} (recorded by {by})", by);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<string> NameOfAsync(Guid personId, CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "a deleted person";
}
