using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Notifications.Webhooks;

public sealed class WebhookSenderTests
{
    [Fact]
    public async Task WebhookSender_TestMessage_SignedVerifiablyAndReplayDetectable()
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite);
        var (personId, methodId) = await AddAsync(h, ContactMethodKind.Webhook, h.Webhooks.Url + "/hooks/receiver");
        var queued = await h.Admin.PostAsync($"/api/v1/people/{personId}/contact-methods/{methodId}/test", null).ExpectAsync(HttpStatusCode.Accepted);

        await h.DispatchAsync();

        var hook = Assert.Single(h.Webhooks.Received);
        var timestamp = hook.Headers["X-Lifeline-Timestamp"];
        var expected = "sha256=" + Convert.ToHexString(new HMACSHA256(Encoding.UTF8.GetBytes(DispatchHarness.SigningSecret)).ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}.{hook.Body}"))).ToLowerInvariant();
        Assert.Equal(expected, hook.Headers["X-Lifeline-Signature"]);
        Assert.Equal(h.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal(queued.GetProperty("id").GetGuid(), body.GetProperty("notificationId").GetGuid());
        Assert.Equal("test-message", body.GetProperty("template").GetString());
        Assert.False(string.IsNullOrEmpty(hook.Headers["Idempotency-Key"]));
        Assert.True(WebhookSigner.Verify(DispatchHarness.SigningSecret, timestamp, hook.Body, hook.Headers["X-Lifeline-Signature"], h.Time.GetUtcNow().AddMinutes(4)));
        Assert.False(WebhookSigner.Verify(DispatchHarness.SigningSecret, timestamp, hook.Body, hook.Headers["X-Lifeline-Signature"], h.Time.GetUtcNow().AddMinutes(6)));
        Assert.False(WebhookSigner.Verify(DispatchHarness.SigningSecret, timestamp, hook.Body.Replace("test-message", "tier-page"), hook.Headers["X-Lifeline-Signature"], h.Time.GetUtcNow()));
        Assert.NotNull(await h.InDbAsync(db => db.ContactMethods.Where(m => m.Id == methodId).Select(m => m.VerifiedAt).SingleAsync()));
    }

    [Fact]
    public async Task ChatWebhookSender_SlackThenGone_PostsTextThenFailsForGood()
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite);
        var (personId, methodId) = await AddAsync(h, ContactMethodKind.ChatWebhook, h.Webhooks.Url + "/hooks/slack");
        var first = await h.Admin.PostAsync($"/api/v1/people/{personId}/contact-methods/{methodId}/test", null).ExpectAsync(HttpStatusCode.Accepted);
        await h.DispatchAsync();
        h.Webhooks.Status["slack"] = 404;
        var second = await h.Admin.PostAsync($"/api/v1/people/{personId}/contact-methods/{methodId}/test", null).ExpectAsync(HttpStatusCode.Accepted);
        await h.DispatchAsync();

        Assert.All(h.Webhooks.Received, w => Assert.StartsWith("*Lifeline test message*", JsonDocument.Parse(w.Body).RootElement.GetProperty("text").GetString()));
        var statuses = await h.InDbAsync(db => db.Notifications.Where(n => n.ContactMethodId == methodId).ToDictionaryAsync(n => n.Id, n => n.Status));
        Assert.Equal(NotificationStatus.Sent, statuses[first.GetProperty("id").GetGuid()]);
        Assert.Equal(NotificationStatus.Failed, statuses[second.GetProperty("id").GetGuid()]);
    }

    private static async Task<(Guid, Guid)> AddAsync(DispatchHarness h, ContactMethodKind kind, string url)
    {
        var personId = await h.IdOfAsync("/api/v1/people", "Aisha Karim");
        var methodId = await h.InDbAsync(db =>
        {
            var method = new ContactMethod(personId, kind, url, "test", false, false, 5);
            db.ContactMethods.Add(method);
            return Task.FromResult(method.Id);
        });
        return (personId, methodId);
    }
}
