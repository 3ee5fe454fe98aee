using Lifeline.Directory.People;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications;

/// <summary>What to send, to whom, and why; the outbox picks the contact method.</summary>
public sealed record OutboxRequest(
    string Key, Guid? IncidentId, Guid? EscalationRunId, Guid PersonId, string PersonName, NotificationChannel Channel, string Template,
    string? Instruction = null, Guid? StatusUpdateId = null, NotificationChannel? Fallback = null);

/// <summary>
/// Writes notifications into the outbox in the caller's unit of work (nothing is saved here) and
/// handles what the engine decides about them afterwards: cancellation when a page is answered,
/// and the fallback channel when one fails for good. Every decision leaves a timeline entry.
/// </summary>
public sealed class NotificationOutbox(LifelineDbContext db, IncidentTimeline timeline, TimeProvider time)
{
    // A person's contact methods, read once per unit of work: a page goes out on several channels, and an
    // engine pass pages the same on-call people for many incidents.
    private readonly Dictionary<Guid, List<ContactMethod>> _methods = [];

    private async Task<List<ContactMethod>> MethodsOfAsync(Guid personId, CancellationToken ct)
    {
        if (!_methods.TryGetValue(personId, out var methods))
        {
            methods = await db.ContactMethods.Where(c => c.PersonId == personId).ToListAsync(ct);
            _methods[personId] = methods;
        }
        return methods;
    }

    /// <summary>
    /// The contact method a message to the person on the channel goes to, or null when they have none for it. Writes nothing:
    /// the escalation dry run asks the same question the engine's pages do.
    /// </summary>
    public async Task<ContactMethod?> MethodForAsync(Guid personId, NotificationChannel channel, CancellationToken ct) =>
        channel.Pick(await MethodsOfAsync(personId, ct));

    /// <returns>The queued notification, or null when the person has no method for the channel (said on the timeline).</returns>
    public async Task<Notification?> EnqueueAsync(OutboxRequest request, CancellationToken ct)
    {
        var method = await MethodForAsync(request.PersonId, request.Channel, ct);
        if (method is null)
        {
            if (request.IncidentId is { } incidentId)
            {
                timeline.Append(incidentId, NotificationTimelineKinds.NotReachable, $"{request.PersonName} has no contact method for {request.Channel}.", "engine");
            }
            return null;
        }
        var notification = Notification.ToPerson($"{request.Key}:{request.PersonId:N}:{request.Channel}", request.PersonId, method.Id, request.Channel,
            request.Template, time.GetUtcNow(), incidentId: request.IncidentId, escalationRunId: request.EscalationRunId, instruction: request.Instruction,
            statusUpdateId: request.StatusUpdateId, fallbackChannel: request.Fallback);
        db.Notifications.Add(notification);
        return notification;
    }

    public Notification EnqueueToMailbox(string key, Guid incidentId, Guid teamId, string address, string template)
    {
        var notification = Notification.ToMailbox($"{key}:{teamId:N}:mailbox", incidentId, teamId, address, template, time.GetUtcNow());
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>A post to a chat channel about an incident (a tier or a communication rule names the channel, or the team whose channel it is).</summary>
    public Notification EnqueueToChatChannel(string key, Guid incidentId, Guid chatChannelId, string template, Guid? escalationRunId = null, Guid? teamId = null,
        string? instruction = null, Guid? statusUpdateId = null)
    {
        var notification = Notification.ToChatChannel($"{key}:{chatChannelId:N}:chat-channel", incidentId, chatChannelId, template, time.GetUtcNow(),
            escalationRunId, teamId, instruction, statusUpdateId);
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>Pending pages of an escalation are not sent once it is answered.</summary>
    public async Task<int> CancelPendingAsync(Guid escalationRunId, CancellationToken ct)
    {
        var pending = await db.Notifications.Where(n => n.EscalationRunId == escalationRunId && n.Status == NotificationStatus.Pending).ToListAsync(ct);
        return pending.Count(n => n.Cancel());
    }

    /// <summary>
    /// Records a permanent failure and, when the notification names a fallback channel, queues the
    /// same message to the same person on that channel. Called by the dispatcher; saves nothing.
    /// </summary>
    public async Task<Notification?> FailAsync(Notification notification, string reason, CancellationToken ct)
    {
        notification.MarkFailed(reason);
        if (notification.PersonId is not { } personId)
        {
            return null;
        }
        var name = await db.People.Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "a deleted person";
        if (notification.IncidentId is { } incidentId)
        {
            timeline.Append(incidentId, NotificationTimelineKinds.NotificationFailed, $"{notification.Channel} to {name} failed for good: {reason}", "engine");
        }
        return await QueueFallbackAsync(notification, name, ct);
    }

    /// <summary>
    /// Queues the same message to the same person on the notification's fallback channel, once: a notice still being
    /// retried gets its fallback after <see cref="Dispatch.DispatchOptions.FallbackAfter"/>, and failing for good later
    /// does not queue a second one. Saves nothing.
    /// </summary>
    public async Task<Notification?> QueueFallbackAsync(Notification notification, string? personName, CancellationToken ct)
    {
        if (notification.FallbackChannel is not { } fallback || notification.PersonId is not { } personId
            || await db.Notifications.AnyAsync(n => n.FallbackOfId == notification.Id, ct))
        {
            return null;
        }
        var name = personName ?? await db.People.Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "a deleted person";
        var methods = await MethodsOfAsync(personId, ct);
        var method = fallback.Pick(methods);
        if (method is null)
        {
            if (notification.IncidentId is { } id)
            {
                timeline.Append(id, NotificationTimelineKinds.NotReachable, $"{name} has no contact method for the fallback {fallback}.", "engine");
            }
            return null;
        }
        var replacement = Notification.Fallback(notification, method.Id, fallback, time.GetUtcNow());
        db.Notifications.Add(replacement);
        if (notification.IncidentId is { } incident)
        {
            timeline.Append(incident, NotificationTimelineKinds.FallbackQueued, notification.Status == NotificationStatus.Failed
                ? $"Falling back from {notification.Channel} to {fallback} for {name}."
                : $"{notification.Channel} to {name} is still failing after {notification.Attempts} attempt(s): falling back to {fallback} now, while {notification.Channel} is retried.", "engine");
        }
        return replacement;
    }
}
