using Lifeline.Incidents;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Notifications.Dispatch;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications;

public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        const string masking = "Destinations are in clear for Admin, Level1Technician and IncidentManager (each such read is recorded in the access log) and masked for every other role.";
        api.MapGet("/notifications", List).WithTags("Notifications")
            .WithSummary("Notifications, newest first, with their status history (filters: status, channel, from, to)").WithDescription(masking);
        api.MapGroup("/incidents").NormalisesIncidentNumbers().MapGet("/{number}/notifications", ForIncident).WithTags("Notifications")
            .WithSummary("What was sent about an incident, to whom, when, and what happened to it, oldest first, a page at a time")
            .WithDescription($"{masking} page (from 1) and pageSize (1–{PageQuery.MaxPageSize}, default {PageQuery.MaxPageSize}).");
        api.MapPost("/people/{id:guid}/contact-methods/{methodId:guid}/test", Test).WithTags("Notifications")
            .RequireAuthorization(AccessPolicies.TriageIncidents)
            .WithSummary("Send a test message to a contact method")
            .WithDescription("Queues a test-message notification; when it is delivered the contact method is marked verified.");
        return api;
    }

    private static async Task<Results<Ok<Page<NotificationView>>, ValidationProblem>> List(
        [AsParameters] NotificationQuery query, LifelineDbContext db, ContactDataGuard guard, Actor actor, CancellationToken ct)
    {
        var paging = new PageQuery { Page = query.Page, PageSize = query.PageSize };
        if (paging.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        if (query.From is { } from && query.To is { } to && to < from)
        {
            return Problems.Invalid("to", "to must not be before from.");
        }
        var notifications = db.Notifications.AsNoTracking();
        if (query.Status is { } status)
        {
            notifications = notifications.Where(n => n.Status == status);
        }
        if (query.Channel is { } channel)
        {
            notifications = notifications.Where(n => n.Channel == channel);
        }
        if (query.From is { } since)
        {
            notifications = notifications.Where(n => n.CreatedAt >= since);
        }
        if (query.To is { } until)
        {
            notifications = notifications.Where(n => n.CreatedAt < until);
        }
        var page = await Page<Notification>.ReadAsync(notifications.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id), paging, ct);
        var views = await ViewsAsync(page.Items, db, guard, actor, ct);
        return TypedResults.Ok(new Page<NotificationView>(views, page.PageNumber, page.PageSize, page.Total));
    }

    private static async Task<Results<Ok<Page<NotificationView>>, ValidationProblem, ProblemHttpResult>> ForIncident(
        string number, int? page, int? pageSize, LifelineDbContext db, ContactDataGuard guard, Actor actor, CancellationToken ct)
    {
        var paging = new PageQuery { Page = page, PageSize = pageSize ?? PageQuery.MaxPageSize };
        if (paging.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var incidentId = await db.Incidents.Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (incidentId is null)
        {
            return TypedResults.Problem(detail: $"No incident with number '{number}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        var found = await Page<Notification>.ReadAsync(db.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id), paging, ct);
        return TypedResults.Ok(new Page<NotificationView>(await ViewsAsync(found.Items, db, guard, actor, ct), found.PageNumber, found.PageSize, found.Total));
    }

    private static async Task<Results<Accepted<NotificationView>, ValidationProblem, ProblemHttpResult>> Test(
        Guid id, Guid methodId, LifelineDbContext db, ContactDataGuard guard, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var method = await db.ContactMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == methodId && m.PersonId == id, ct);
        if (method is null)
        {
            return Problems.NotFound("contact method of this person", methodId);
        }
        if (ContactMethodVerification.ChannelFor(method) is not { } channel)
        {
            return Problems.Invalid("methodId", $"This {method.Kind} takes neither SMS nor voice calls, so there is nothing to test.");
        }
        var notification = ContactMethodVerification.Queue(method, channel, time.GetUtcNow());
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(ct);
        var view = (await ViewsAsync([notification], db, guard, actor, ct))[0];
        return TypedResults.Accepted($"/api/v1/notifications?channel={channel}", view);
    }

    private static async Task<IReadOnlyList<NotificationView>> ViewsAsync(IReadOnlyList<Notification> notifications, LifelineDbContext db, ContactDataGuard guard, Actor viewer, CancellationToken ct)
    {
        var ids = notifications.Select(n => n.Id).ToList();
        var methodIds = notifications.Where(n => n.ContactMethodId != null).Select(n => n.ContactMethodId!.Value).Distinct().ToList();
        var personIds = notifications.Where(n => n.PersonId != null).Select(n => n.PersonId!.Value).Distinct().ToList();
        var incidentIds = notifications.Where(n => n.IncidentId != null).Select(n => n.IncidentId!.Value).Distinct().ToList();
        var methods = await db.ContactMethods.AsNoTracking().Where(m => methodIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var numbers = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        var chatIds = notifications.Where(n => n.ChatChannelId != null).Select(n => n.ChatChannelId!.Value).Distinct().ToList();
        var chats = chatIds.Count == 0 ? [] : await db.ChatChannels.AsNoTracking().Where(c => chatIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var history = (await db.NotificationHistory.AsNoTracking().Where(h => ids.Contains(h.NotificationId)).ToListAsync(ct))
            .OrderBy(h => h.At).ThenBy(h => h.Id).ToLookup(h => h.NotificationId);
        await guard.RecordDisclosureAsync(viewer, methods.Values.Select(m => m.PersonId), "notifications", ct);
        // A destination that is no one's contact method and no team's mailbox is a customer's own contact (the survey invitation).
        await guard.RecordReporterDisclosureAsync(viewer,
            notifications.Where(n => n.Address is not null && n.TeamId is null && n.IncidentId is not null).Select(n => numbers.GetValueOrDefault(n.IncidentId!.Value) ?? "?"),
            "notifications", ct);
        return notifications.Select(n => new NotificationView(
            n.Id, n.IncidentId is { } incident ? numbers.GetValueOrDefault(incident) : null, n.PersonId, n.PersonId is { } person ? people.GetValueOrDefault(person) : null,
            n.TeamId, n.Channel,
            // A team's shared mailbox is not personal data; a person's or a customer's contact value is shown as the directory shows it.
            // A chat channel is named, never its URL (the channel's credential).
            n.ChatChannelId is { } chat ? TargetNames.ChannelName(chats.GetValueOrDefault(chat))
            : n.ContactMethodId is { } methodId ? methods.TryGetValue(methodId, out var m) ? ContactDataGuard.Show(viewer, m.Kind, m.Value) : "(removed)"
                : n.TeamId is null && n.Address is { } address ? ContactDataGuard.ShowAddress(viewer, address) : n.Address,
            n.Template, n.Status, n.CreatedAt, n.DueAt, n.SentAt, n.Attempts, n.LastError, n.ProviderMessageId, n.BundleId, n.FallbackOfId,
            history[n.Id].Select(h => new NotificationHistoryView(h.Status, h.At, h.Detail)).ToList())).ToList();
    }
}
