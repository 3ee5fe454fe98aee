using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory;
using Lifeline.Notifications;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Chat;

/// <summary>
/// Chat channels, for the API and the console alike. Admins add, change and remove them (audited under their name by the
/// audit interceptor, with the URL only as ciphertext) and see the webhook URL; everyone else sees it masked to its host.
/// A channel that a policy tier or a communication rule names stays until it is taken out of there.
/// </summary>
public sealed class ChatChannelCatalogue(LifelineDbContext db, CurrentActor current, ChatChannelUrls urls, IOptions<WebhookOptions> webhooks,
    TimeProvider time, ILogger<ChatChannelCatalogue> logger)
{
    private const string Change = "change chat channels";

    public async Task<IReadOnlyList<ChatChannelView>> ListAsync(Actor viewer, CancellationToken ct) =>
        await ViewsAsync(viewer, await db.ChatChannels.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct), ct);

    public async Task<Outcome<ChatChannelView>> GetAsync(Actor viewer, Guid id, CancellationToken ct) =>
        await db.ChatChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } channel
            ? (await ViewsAsync(viewer, [channel], ct))[0]
            : Refusal.NotFound("chat channel", id);

    public async Task<Outcome<ChatChannelView>> CreateAsync(Actor actor, ChatChannelRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, Change) is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(null, request, ct) is { Refusal: { } invalid })
        {
            return invalid;
        }
        var url = Normalised(request.Url);
        var channel = new ChatChannel(request.Name, request.Description, url, urls.Protect(url), request.TeamId, time.GetUtcNow());
        db.ChatChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Actor} added the chat channel {ChatChannelId} ({Platform})", actor.Name, channel.Id, channel.Platform);
        return (await ViewsAsync(actor, [channel], ct))[0];
    }

    public async Task<Outcome<ChatChannelView>> UpdateAsync(Actor actor, Guid id, ChatChannelRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, Change) is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var channel = await db.ChatChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return Refusal.NotFound("chat channel", id);
        }
        if (await ValidateAsync(id, request, ct) is { Refusal: { } invalid })
        {
            return invalid;
        }
        var url = Normalised(request.Url);
        // The same URL keeps its ciphertext: data protection encrypts anew each time, and an unchanged channel is no change.
        var stored = urls.Reveal(channel.ProtectedUrl) == url ? channel.ProtectedUrl : urls.Protect(url);
        channel.Update(request.Name, request.Description, url, stored, request.TeamId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(actor, [channel], ct))[0];
    }

    /// <returns>The removed channel's id, or why not: a channel still named by a policy or a plan stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, Change) is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var channel = await db.ChatChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return Refusal.NotFound("chat channel", id);
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.ChatChannel, id, ct);
        if (referencedBy.Count > 0)
        {
            return Refusal.Conflict($"{TargetNames.ChannelName(channel.Name)} is a target of {Dependents.Join(referencedBy)}; remove it from there first.",
                "The chat channel is still referenced");
        }
        db.ChatChannels.Remove(channel);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Actor} removed the chat channel {ChatChannelId}", actor.Name, id);
        return id;
    }

    /// <summary>Queues a test message to the channel through the outbox, as a contact method's test goes.</summary>
    public async Task<Outcome<ChatChannelTestQueued>> TestAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "test chat channels") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (!await db.ChatChannels.AnyAsync(c => c.Id == id, ct))
        {
            return Refusal.NotFound("chat channel", id);
        }
        var notification = Notification.ChatChannelTest(id, time.GetUtcNow());
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(ct);
        return new ChatChannelTestQueued(notification.Id, id, notification.Status.ToString());
    }

    /// <summary>The channel of the team, when it has one: a communication rule to the team over chat posts there.</summary>
    public static Task<Dictionary<Guid, (Guid Id, string Name)>> OfTeamsAsync(LifelineDbContext db, IReadOnlyCollection<Guid> teamIds, CancellationToken ct) =>
        db.ChatChannels.AsNoTracking().Where(c => c.TeamId != null && teamIds.Contains(c.TeamId.Value))
            .ToDictionaryAsync(c => c.TeamId!.Value, c => (c.Id, c.Name), ct);

    private async Task<Outcome<bool>> ValidateAsync(Guid? id, ChatChannelRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 100).SingleLine("name", request.Name).Optional("description", request.Description, 1000);
        if (!WebhookAddressPolicy.TryValidateUrl(request.Url, webhooks.Value, out _, out var error))
        {
            v.Add("url", error);
        }
        if (request.TeamId is { } teamId)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, ct))
            {
                v.Add("teamId", $"No team with id {teamId}.");
            }
            else if (await db.ChatChannels.Where(c => c.TeamId == teamId && c.Id != id).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } other)
            {
                v.Add("teamId", $"The team already has its channel, {TargetNames.ChannelName(other)}; a team has one.");
            }
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var name = request.Name.Trim();
        if (await db.ChatChannels.AnyAsync(c => c.Id != id && c.Name == name, ct))
        {
            return Refusal.Conflict($"A chat channel named '{name}' already exists.");
        }
        return true;
    }

    private string Normalised(string raw) => WebhookAddressPolicy.TryValidateUrl(raw, webhooks.Value, out var url, out _) ? url : raw;

    private async Task<List<ChatChannelView>> ViewsAsync(Actor viewer, IReadOnlyList<ChatChannel> channels, CancellationToken ct)
    {
        var teamIds = channels.Select(c => c.TeamId).OfType<Guid>().Distinct().ToList();
        var teams = teamIds.Count == 0 ? [] : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        // The URL lets anyone post into the channel: in clear for admins only, as the console's and the API's rule.
        var inClear = viewer.IsLifeline || viewer.IsInRole(LifelineRoles.Admin);
        return channels.Select(c =>
        {
            var url = urls.Reveal(c.ProtectedUrl);
            var shown = url is null ? "(unreadable: enter the URL again)" : inClear ? url : ContactMask.Mask(Directory.People.ContactMethodKind.ChatWebhook, url);
            return new ChatChannelView(c.Id, c.Name, c.Description, shown, !inClear, c.Platform, c.TeamId,
                c.TeamId is { } t ? teams.GetValueOrDefault(t) : null, c.CreatedAt, c.UpdatedAt);
        }).ToList();
    }
}
