using Lifeline.Targets;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.Communication;

/// <summary>
/// Carries out the communication plans for an incident event: picks the rules for the current
/// shift, queues the notices (with the plan's fallback channel), and turns instructions into
/// tasks the recipient confirms. All in the caller's unit of work.
/// </summary>
public sealed class StakeholderNotifier(LifelineDbContext db, TargetResolver resolver, NotificationOutbox outbox, IncidentTimeline timeline, TimeProvider time)
{
    public static string TemplateFor(CommunicationEvent e) => e switch
    {
        CommunicationEvent.EscalationStarted => TemplateKeys.Initial,
        CommunicationEvent.StatusUpdate => TemplateKeys.StatusUpdate,
        _ => TemplateKeys.Resolution,
    };

    /// <param name="occasion">What makes this occurrence unique (the escalation run, the status update), so a retry queues nothing twice.</param>
    public async Task NotifyAsync(Incident incident, CommunicationEvent e, string occasion, Guid? statusUpdateId, CancellationToken ct)
    {
        var plans = (await db.CommunicationPlans.AsNoTracking().Where(p => p.IsEnabled).OrderBy(p => p.Name).ToListAsync(ct))
            .Where(p => p.AppliesTo(incident.Severity)).ToList();
        if (plans.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var shift = (await ShiftCalendars.CurrentAsync(db, ct)).At(now);
        foreach (var plan in plans)
        {
            for (var i = 0; i < plan.Rules.Count; i++)
            {
                var rule = plan.Rules[i];
                if (!rule.AppliesTo(e, shift.Shift))
                {
                    continue;
                }
                var resolution = await resolver.ResolveAsync(rule.Recipients, new TargetContext(incident.ServiceId, incident.IncidentManagerId, now), ct);
                foreach (var skipped in resolution.Skipped)
                {
                    timeline.Append(incident.Id, TargetTimelineKinds.TargetSkipped, $"{plan.Name}: skipped {skipped.Description}: {skipped.Reason}.", "engine");
                }
                var told = new List<string>();
                foreach (var person in resolution.People)
                {
                    var request = new OutboxRequest($"plan:{plan.Id:N}:{e}:{occasion}:r{i}", incident.Id, null, person.PersonId, person.PersonName,
                        rule.Channel, TemplateFor(e), rule.Instruction, statusUpdateId, rule.Fallback);
                    // The first channel keeps the fallback for when it fails later; a message queued on the fallback has none.
                    var channel = await rule.ChannelAsync(async (candidate, first) =>
                        await outbox.EnqueueAsync(first ? request : request with { Channel = candidate, Fallback = null }, ct) is not null);
                    // As before the dry run shared this: without a fallback, a recipient the channel cannot reach is still
                    // counted as told (the timeline has already said they have no contact method for it).
                    if (channel is null && rule.Fallback is not null)
                    {
                        continue;
                    }
                    told.Add(person.PersonName);
                    if (rule.Instruction is { } instruction)
                    {
                        db.StakeholderTasks.Add(new StakeholderTask(incident.Id, person.PersonId, instruction, now));
                        timeline.Append(incident.Id, CommunicationTimelineKinds.TaskAssigned, $"Asked {person.PersonName}: {instruction} (awaiting confirmation)", "engine");
                    }
                }
                var fallbackText = rule.Fallback is { } f ? $", {f} if that fails" : "";
                timeline.Append(incident.Id, CommunicationTimelineKinds.StakeholdersNotified,
                    $"{shift.Shift} shift ({shift.Reason}): {TemplateFor(e)} notice to {(told.Count == 0 ? "nobody reachable" : string.Join(", ", told))} by {rule.Channel}{fallbackText} ({plan.Name}).",
                    "engine");
            }
        }
    }
}
