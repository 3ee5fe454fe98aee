using System.Net;
using System.Net.Sockets;
using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Notifications.Webhooks;

/// <summary>
/// Where webhooks may go when they are sent, whatever was saved: only public addresses, checked when connecting; no
/// redirect followed; and a failure every role reads that says nothing about the network. Nothing here sends traffic
/// beyond loopback: what is refused is refused before a connection is made.
/// </summary>
public sealed class WebhookReachTests
{
    [Theory, DatabaseData]
    public async Task Send_HostResolvingToLoopbackWhileLoopbackRefused_FailsForGoodAndNothingArrives(DatabaseProvider provider)
    {
        var logs = new LogCollector();
        await using var h = await DispatchHarness.StartAsync(provider, settings: new Dictionary<string, string?> { ["Lifeline:Webhooks:AllowLoopback"] = "false" }, logs: logs);
        var viaName = h.Webhooks.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        // A name is accepted when saved (it may resolve anywhere later); the check that counts is the one when connecting.
        var personId = await h.IdOfAsync("/api/v1/people", "Aisha Karim");
        var webhook = await AddThroughApiAsync(h, personId, "Webhook", viaName + "/hooks/rebound-secret");
        var chat = await AddThroughApiAsync(h, personId, "ChatWebhook", viaName + "/hooks/chat-secret");
        // Saved before the rules existed: checked again when sent, refused without connecting.
        var old = await AddStoredAsync(h, personId, ContactMethodKind.Webhook, "https://10.0.0.5/hooks/old-secret");

        var ids = new[] { await TestAsync(h, personId, webhook), await TestAsync(h, personId, chat), await TestAsync(h, personId, old) };
        await h.DispatchAsync();

        Assert.Empty(h.Webhooks.Received);
        var sent = await h.InDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id));
        Assert.Equal((NotificationStatus.Failed, 1, "the webhook could not be reached"), (sent[ids[0]].Status, sent[ids[0]].Attempts, sent[ids[0]].LastError));
        Assert.Equal((NotificationStatus.Failed, 1, "the chat webhook could not be reached"), (sent[ids[1]].Status, sent[ids[1]].Attempts, sent[ids[1]].LastError));
        Assert.Equal((NotificationStatus.Failed, 1, "the webhook could not be reached"), (sent[ids[2]].Status, sent[ids[2]].Attempts, sent[ids[2]].LastError));
        // Operators learn why from the log, which names the notification and the host but not the URL (its path is the secret).
        var warnings = logs.Messages.Where(m => m.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, m => m.Contains(ids[0].ToString(), StringComparison.Ordinal) && m.Contains("a loopback address", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains(ids[2].ToString(), StringComparison.Ordinal) && m.Contains("a private address", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("-secret", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Send_WebhookAnswersRedirect_NotFollowedAndFailsForGood(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        h.Webhooks.Status["moved"] = 307;
        h.Webhooks.Location["moved"] = h.Webhooks.Url + "/hooks/target";
        h.Webhooks.Status["chat-moved"] = 308;
        h.Webhooks.Location["chat-moved"] = h.Webhooks.Url + "/hooks/target";
        var personId = await h.IdOfAsync("/api/v1/people", "Aisha Karim");
        var webhook = await AddStoredAsync(h, personId, ContactMethodKind.Webhook, h.Webhooks.Url + "/hooks/moved");
        var chat = await AddStoredAsync(h, personId, ContactMethodKind.ChatWebhook, h.Webhooks.Url + "/hooks/chat-moved");

        var ids = new[] { await TestAsync(h, personId, webhook), await TestAsync(h, personId, chat) };
        await h.DispatchAsync();

        Assert.Equal(["chat-moved", "moved"], h.Webhooks.Received.Select(r => r.Name).Order(StringComparer.Ordinal));
        var sent = await h.InDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id));
        Assert.Equal((NotificationStatus.Failed, "the webhook answered 307 with a redirect; redirects are not followed"), (sent[ids[0]].Status, sent[ids[0]].LastError));
        Assert.Equal((NotificationStatus.Failed, "the chat webhook answered 308 with a redirect; redirects are not followed"), (sent[ids[1]].Status, sent[ids[1]].LastError));
    }

    [Theory, DatabaseData]
    public async Task Send_WebhookRefusesConnection_MaskedRoleSeesNoConnectionDetail(DatabaseProvider provider)
    {
        var logs = new LogCollector();
        await using var h = await DispatchHarness.StartAsync(provider, logs: logs);
        var port = ClosedPort();
        var personId = await h.IdOfAsync("/api/v1/people", "Aisha Karim");
        var method = await AddStoredAsync(h, personId, ContactMethodKind.Webhook, $"http://127.0.0.1:{port}/hooks/gone-secret");

        var id = await TestAsync(h, personId, method);
        await h.DispatchAsync();

        var viewer = await h.ClientAsAsync(LifelineRoles.Viewer);
        var page = await viewer.GetAsync("/api/v1/notifications?channel=Webhook").ExpectAsync(HttpStatusCode.OK);
        var seen = page.GetProperty("items").EnumerateArray().Single(n => n.Id() == id);
        Assert.Equal("the webhook could not be reached", seen.GetProperty("lastError").GetString());
        var said = string.Join("\n", seen.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("detail").GetString()).Append(seen.GetProperty("lastError").GetString()));
        Assert.Contains("could not be reached", said, StringComparison.Ordinal);
        foreach (var detail in new[] { "refused", "Connection", "Exception", "127.0.0.1", $":{port}", "timed out" })
        {
            Assert.DoesNotContain(detail, said, StringComparison.OrdinalIgnoreCase);
        }
        // The cause is in the operators' log.
        Assert.Contains(logs.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains(id.ToString(), StringComparison.Ordinal)
            && m.Contains("refused", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("gone-secret", StringComparison.Ordinal));
    }

    /// <summary>A loopback port nothing listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private static async Task<Guid> AddThroughApiAsync(DispatchHarness h, Guid personId, string kind, string value) =>
        (await h.Admin.PostJson($"/api/v1/people/{personId}/contact-methods", new { kind, value }).ExpectAsync(HttpStatusCode.Created)).Id();

    private static Task<Guid> AddStoredAsync(DispatchHarness h, Guid personId, ContactMethodKind kind, string url) =>
        h.InDbAsync(db =>
        {
            var method = new ContactMethod(personId, kind, url, "test", false, false, 5);
            db.ContactMethods.Add(method);
            return Task.FromResult(method.Id);
        });

    private static async Task<Guid> TestAsync(DispatchHarness h, Guid personId, Guid methodId) =>
        (await h.Admin.PostAsync($"/api/v1/people/{personId}/contact-methods/{methodId}/test", null).ExpectAsync(HttpStatusCode.Accepted)).Id();
}
