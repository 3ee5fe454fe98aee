using System.Diagnostics;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Notifications.Dispatch;

public sealed class DispatchPassTests
{
    [Theory, DatabaseData]
    public async Task DispatchPass_SendingPastLease_SendsAgainWithSameIdempotencyKey(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var (personId, methodId) = await AddMethodAsync(h, "Henry Castillo", "Webhook", h.Webhooks.Url + "/hooks/pager");
        var id = await h.InDbAsync(db =>
        {
            var n = Notification.ToPerson($"crash-test:{Guid.NewGuid():N}", personId, methodId, NotificationChannel.Webhook, "tier-page", h.Time.GetUtcNow());
            db.Notifications.Add(n);
            return Task.FromResult(n.Id);
        });
        await h.DispatchAsync();
        // The crash: the provider got the message, but the outcome was never recorded; the row is left Sending under a lease.
        await h.InDbAsync(async db => { (await db.Notifications.SingleAsync(n => n.Id == id)).MarkSending(h.Time.GetUtcNow() + TimeSpan.FromMinutes(2)); return 0; });

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.DispatchAsync();
        Assert.Single(h.Webhooks.Received);
        h.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await h.DispatchAsync();

        var key = (await h.InDbAsync(db => db.Notifications.SingleAsync(n => n.Id == id))).IdempotencyKey;
        Assert.Equal([key, key], h.Webhooks.Received.Select(w => w.Headers["Idempotency-Key"]));
        var after = await h.InDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal((NotificationStatus.Sent, 3), (after.Status, after.Attempts));
        Assert.Contains(await h.HistoryAsync(id), e => e.Status == NotificationStatus.Sending && e.Detail?.Contains("lease ran out") == true);
    }

    [Fact]
    public async Task DispatchPass_SlowChannel_DoesNotDelayAnotherChannel()
    {
        var finished = new Dictionary<NotificationChannel, long>();
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite, services =>
        {
            services.AddScoped<INotificationSender>(_ => new TimedSender(NotificationChannel.Chat, TimeSpan.FromMilliseconds(200), finished));
            services.AddScoped<INotificationSender>(_ => new TimedSender(NotificationChannel.Sms, TimeSpan.Zero, finished));
        });
        var (personId, chatId) = await AddMethodAsync(h, "Henry Castillo", "ChatWebhook", "https://hooks.slack.example.org/services/T0/B0/x");
        var cellId = await h.InDbAsync(db => db.ContactMethods.Where(m => m.PersonId == personId && m.CanSms).Select(m => m.Id).FirstAsync());
        await Queue(h, personId, chatId, NotificationChannel.Chat);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await Queue(h, personId, cellId, NotificationChannel.Sms);

        await h.DispatchAsync();

        Assert.True(finished[NotificationChannel.Sms] < finished[NotificationChannel.Chat], "the SMS waited for the slow chat sender");
    }

    [Theory, DatabaseData]
    public async Task DispatchPass_ThreeIncidentsToOneCellWithinWindow_SendsOneBundledSmsNamingAll(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var numbers = new[] { await h.OpenAsync("E-mail is down"), await h.OpenAsync("Calendar is down"), await h.OpenAsync("Mail relay is down") };

        await h.DispatchAsync();

        var sms = Assert.Single(h.Twilio.Accepted, r => r.Resource == "Messages");
        Assert.All(numbers, n => Assert.Contains(n, sms.Body));
        Assert.StartsWith("3 messages:", sms.Body);
        Assert.Single(h.Twilio.Accepted, r => r.Resource == "Calls");
        var pages = new List<Notification>();
        foreach (var number in numbers)
        {
            pages.Add((await h.NotificationsAsync(number)).Single(n => n.Channel == NotificationChannel.Sms));
        }
        Assert.All(pages, p => Assert.Equal((NotificationStatus.Sent, pages[0].Id, sms.Sid), (p.Status, p.BundleId!.Value, p.ProviderMessageId)));
        Assert.Contains(await h.HistoryAsync(pages[2].Id), e => e.Status == NotificationStatus.Sent && e.Detail == $"sent in bundle {pages[0].Id}");
    }

    [Fact]
    public async Task DispatchPass_RateLimitReached_HoldsBackThenBundlesNothingDropped()
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Dispatch:RateLimitCount"] = "1",
            ["Lifeline:Dispatch:RateLimitWindow"] = "00:01:00",
        });
        var first = await h.OpenAsync("E-mail is down");
        await h.DispatchAsync();
        var second = await h.OpenAsync("Calendar is down");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var third = await h.OpenAsync("Mail relay is down");

        await h.DispatchAsync();
        Assert.Single(h.Twilio.Accepted, r => r.Resource == "Messages");
        h.Time.Advance(TimeSpan.FromSeconds(51));
        await h.DispatchAsync();

        var messages = h.Twilio.Accepted.Where(r => r.Resource == "Messages").ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(first, messages[0].Body);
        Assert.Contains(second, messages[1].Body);
        Assert.Contains(third, messages[1].Body);
    }

    private static async Task<(Guid PersonId, Guid MethodId)> AddMethodAsync(DispatchHarness h, string person, string kind, string value)
    {
        var personId = await h.IdOfAsync("/api/v1/people", person);
        var methodId = await h.InDbAsync(db =>
        {
            var method = new ContactMethod(personId, Enum.Parse<ContactMethodKind>(kind), value, "test", false, false, 5);
            db.ContactMethods.Add(method);
            return Task.FromResult(method.Id);
        });
        return (personId, methodId);
    }

    private static Task<Guid> Queue(DispatchHarness h, Guid personId, Guid methodId, NotificationChannel channel) =>
        h.InDbAsync(db =>
        {
            var n = Notification.ToPerson($"test:{Guid.NewGuid():N}", personId, methodId, channel, "tier-page", h.Time.GetUtcNow());
            db.Notifications.Add(n);
            return Task.FromResult(n.Id);
        });

    private sealed class TimedSender(NotificationChannel channel, TimeSpan delay, Dictionary<NotificationChannel, long> finished) : INotificationSender
    {
        public NotificationChannel Channel => channel;

        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            await Task.Delay(delay, ct);
            lock (finished)
            {
                finished[channel] = Stopwatch.GetTimestamp();
            }
            return SendOutcome.Accepted();
        }
    }
}
