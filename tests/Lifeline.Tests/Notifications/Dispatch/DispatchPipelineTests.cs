using System.Data.Common;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Dispatch;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifeline.Tests.Notifications.Dispatch;

/// <summary>The pass kept full: claims as sends finish, per-channel limits, outcomes recorded together.</summary>
public sealed class DispatchPipelineTests
{
    [Theory, DatabaseData]
    public async Task DispatchPass_SendStillInFlight_LaterNotificationsAreClaimedAndSentMeanwhile(DatabaseProvider provider)
    {
        // The first send waits until the third is sent: a pass that waited for its batch before claiming more would never get there.
        var thirdSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new GatedSender(NotificationChannel.Chat, message => message.Destination.EndsWith("/first", StringComparison.Ordinal) ? thirdSent.Task : Task.CompletedTask,
            message =>
            {
                if (message.Destination.EndsWith("/third", StringComparison.Ordinal))
                {
                    thirdSent.TrySetResult();
                }
            });
        await using var h = await DispatchHarness.StartAsync(provider, services => services.AddScoped<INotificationSender>(_ => sender), new Dictionary<string, string?>
        {
            ["Lifeline:Dispatch:BatchSize"] = "1",
            ["Lifeline:Dispatch:ChannelConcurrency:Chat"] = "2",
        });
        var ids = new List<Guid>();
        foreach (var name in new[] { "first", "second", "third" })
        {
            ids.Add(await QueueAsync(h, NotificationChannel.Chat, ContactMethodKind.ChatWebhook, $"https://chat.example.org/hooks/{name}"));
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, await h.DispatchAsync());

        var sent = await h.InDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync());
        Assert.All(sent, n => Assert.Equal((NotificationStatus.Sent, 1), (n.Status, n.Attempts)));
        Assert.Equal(3, sender.Sent.Count);
    }

    [Fact]
    public async Task DispatchPass_ChannelConcurrency_CapsSendsInFlightOnEachChannel()
    {
        var chat = new GatedSender(NotificationChannel.Chat, _ => Task.Delay(50), _ => { });
        var webhook = new GatedSender(NotificationChannel.Webhook, _ => Task.Delay(50), _ => { });
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite, services =>
        {
            services.AddScoped<INotificationSender>(_ => chat);
            services.AddScoped<INotificationSender>(_ => webhook);
        }, new Dictionary<string, string?>
        {
            ["Lifeline:Dispatch:ConcurrencyPerChannel"] = "3",
            ["Lifeline:Dispatch:ChannelConcurrency:Chat"] = "2",
        });
        for (var i = 0; i < 8; i++)
        {
            await QueueAsync(h, NotificationChannel.Chat, ContactMethodKind.ChatWebhook, $"https://chat.example.org/hooks/{i}");
            await QueueAsync(h, NotificationChannel.Webhook, ContactMethodKind.Webhook, $"https://hooks.example.org/{i}");
        }

        Assert.Equal(16, await h.DispatchAsync());

        Assert.Equal((8, 8), (chat.Sent.Count, webhook.Sent.Count));
        Assert.InRange(chat.MaxInFlight, 1, 2);
        Assert.InRange(webhook.MaxInFlight, 1, 3);
    }

    [Fact]
    public void DispatchOptions_ChannelConcurrency_EmailFewerByDefaultAndEachChannelSettable()
    {
        var defaults = new DispatchOptions();
        Assert.Equal(4, defaults.ConcurrencyFor(NotificationChannel.Email));
        Assert.Equal(defaults.ConcurrencyPerChannel, defaults.ConcurrencyFor(NotificationChannel.Sms));
        Assert.True(defaults.ConcurrencyPerChannel >= 100, "a 200 ms provider needs 100 sends in flight for 500 a second");

        var configured = Bind(new()
        {
            ["Lifeline:Dispatch:ConcurrencyPerChannel"] = "50",
            ["Lifeline:Dispatch:ChannelConcurrency:Voice"] = "10",
        });
        Assert.Equal((50, 10, 4), (configured.Value.ConcurrencyFor(NotificationChannel.Sms), configured.Value.ConcurrencyFor(NotificationChannel.Voice),
            configured.Value.ConcurrencyFor(NotificationChannel.Email)));

        var invalid = Bind(new() { ["Lifeline:Dispatch:ChannelConcurrency:Email"] = "0" });
        Assert.Contains("ChannelConcurrency:Email", Assert.Throws<OptionsValidationException>(() => invalid.Value).Message);
    }

    [Theory, DatabaseData]
    public async Task OutcomeRecorder_SeveralOutcomes_RecordedInOneTransaction(DatabaseProvider provider)
    {
        var commits = new CommitCounter();
        await using var h = await DispatchHarness.StartAsync(provider, services => services.AddSingleton<IInterceptor>(commits));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await QueueAsync(h, NotificationChannel.Webhook, ContactMethodKind.Webhook, $"https://hooks.example.org/{i}"));
        }
        var claimed = await h.App.Services.GetRequiredService<OutboxClaims>().ClaimAsync(new Dictionary<NotificationChannel, int> { [NotificationChannel.Webhook] = 10 },
            new Dictionary<Guid, int>(), CancellationToken.None);
        var units = ids.Select(id => claimed.Units.Single(u => u.LeadId == id)).ToList();

        var before = commits.Count;
        await h.App.Services.GetRequiredService<OutcomeRecorder>().RecordAsync(
        [
            new DeliveryOutcome(units[0], SendOutcome.Accepted("msg-1")),
            new DeliveryOutcome(units[1], SendOutcome.Temporary("503 from the receiver")),
            new DeliveryOutcome(units[2], SendOutcome.Permanent("410 gone")),
        ], CancellationToken.None);

        Assert.Equal(1, commits.Count - before);
        var rows = await h.InDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id));
        Assert.Equal((NotificationStatus.Sent, "msg-1"), (rows[ids[0]].Status, rows[ids[0]].ProviderMessageId));
        Assert.Equal((NotificationStatus.Pending, "503 from the receiver"), (rows[ids[1]].Status, rows[ids[1]].LastError));
        Assert.Equal((NotificationStatus.Failed, "410 gone"), (rows[ids[2]].Status, rows[ids[2]].LastError));
        foreach (var id in ids)
        {
            Assert.Equal(rows[id].Status, (await h.HistoryAsync(id))[^1].Status);
        }
    }

    private static IOptions<DispatchOptions> Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section)).ValidateDataAnnotations();
        return services.BuildServiceProvider().GetRequiredService<IOptions<DispatchOptions>>();
    }

    /// <summary>A notification to a contact method of its own (nothing bundled), for Henry Castillo.</summary>
    private static async Task<Guid> QueueAsync(DispatchHarness h, NotificationChannel channel, ContactMethodKind kind, string value)
    {
        var personId = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        return await h.InDbAsync(db =>
        {
            var method = new ContactMethod(personId, kind, value, "test", false, false, 5);
            db.ContactMethods.Add(method);
            var n = Notification.ToPerson($"pipeline:{Guid.NewGuid():N}", personId, method.Id, channel, "tier-page", h.Time.GetUtcNow());
            db.Notifications.Add(n);
            return Task.FromResult(n.Id);
        });
    }

    /// <summary>A sender that waits for <c>gate</c> before it answers, and counts the most sends it had at once.</summary>
    private sealed class GatedSender(NotificationChannel channel, Func<OutgoingMessage, Task> gate, Action<OutgoingMessage> sent) : INotificationSender
    {
        private int _inFlight;
        private int _max;

        public NotificationChannel Channel => channel;
        public List<OutgoingMessage> Sent { get; } = [];
        public int MaxInFlight => Volatile.Read(ref _max);

        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
            try
            {
                // A gate never opened fails the send (and the test) rather than hanging it.
                await gate(message).WaitAsync(TimeSpan.FromSeconds(20), ct);
                lock (Sent)
                {
                    Sent.Add(message);
                }
                sent(message);
                return SendOutcome.Accepted();
            }
            catch (TimeoutException)
            {
                return SendOutcome.Permanent("the gate never opened");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _count);
    }
}
