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
        List<ChatPlace>? chats = null;
        foreach (var plan in plans)
        {
            for (var i = 0; i < plan.Rules.Count; i++)
            {
                var rule = plan.Rules[i];
                if (!rule.AppliesTo(e, shift.Shift))
                {
                    continue;
                }
                // Chat channels are posted to, not resolved to people: those the rule names, and over chat the channel of a team it
                // names, when the team has one (its members' own chat webhooks are not each messaged then).
                chats ??= await db.ChatChannels.AsNoTracking().Select(c => new ChatPlace(c.Id, c.Name, c.TeamId)).ToListAsync(ct);
                var places = new List<(ChatPlace Place, Guid? TeamId)>();
                var people = new List<EscalationTarget>();
                foreach (var target in rule.Recipients)
                {
                    if (target.Kind == TargetKind.ChatChannel)
                    {
                        if (chats.Find(c => c.Id == target.Id) is { } named)
                        {
                            places.Add((named, null));
                        }
                        else
                        {
                            timeline.Append(incident.Id, TargetTimelineKinds.TargetSkipped, $"{plan.Name}: skipped a chat channel that no longer exists.", "engine");
                        }
                    }
                    else if (target.Kind == TargetKind.Team && rule.Channel == NotificationChannel.Chat && chats.Find(c => c.TeamId == target.Id) is { } teams)
                    {
                        places.Add((teams, target.Id));
                    }
                    else
                    {
                        people.Add(target);
                    }
                }
                var told = new List<string>();
                foreach (var (place, teamId) in places.DistinctBy(p => p.Place.Id))
                {
                    outbox.EnqueueToChatChannel($"plan:{plan.Id:N}:{e}:{occasion}:r{i}", incident.Id, place.Id, TemplateFor(e), teamId: teamId,
                        instruction: rule.Instruction, statusUpdateId: statusUpdateId);
                    told.Add(TargetNames.ChannelName(place.Name));
                }
                var resolution = people.Count == 0 ? new TargetResolution([], [])
                    : await resolver.ResolveAsync(people, new TargetContext(incident.ServiceId, incident.IncidentManagerId, now), ct);
                foreach (var skipped in resolution.Skipped)
                {
                    timeline.Append(incident.Id, TargetTimelineKinds.TargetSkipped, $"{plan.Name}: skipped {skipped.Description}: {skipped.Reason}.", "engine");
                }
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

    private sealed record ChatPlace(Guid Id, string Name, Guid? TeamId);
}
