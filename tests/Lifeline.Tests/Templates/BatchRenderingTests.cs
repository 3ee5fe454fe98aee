using System.Diagnostics;
using System.Text.RegularExpressions;
using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Templates;

/// <summary>The dispatcher renders a whole claim at once: the same words as one at a time, and one bad notification spoils only itself.</summary>
public sealed partial class BatchRenderingTests
{
    [Theory, DatabaseData]
    public async Task RenderAllAsync_PagesOfTwoIncidentsAndABrokenOne_SameAsOneByOneAndOnlyTheBrokenFails(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var numbers = new[] { await h.OpenAsync("E-mail is down"), await h.OpenAsync("Calendar is down", "Portal") };
        var queued = new List<Notification>();
        foreach (var number in numbers)
        {
            queued.AddRange(await h.NotificationsAsync(number));
        }
        var broken = Notification.ToPerson("broken", queued[0].PersonId!.Value, queued[0].ContactMethodId!.Value, NotificationChannel.Email, "no-such-template",
            h.Time.GetUtcNow());
        List<Notification> all = [queued[0], broken, .. queued.Skip(1)];

        using var scope = h.App.Services.CreateScope();
        var renderer = scope.ServiceProvider.GetRequiredService<IMessageRenderer>();
        var together = await renderer.RenderAllAsync(all, CancellationToken.None);

        Assert.Equal(all.Count, together.Count);
        Assert.True(queued.Count > 4, "each incident pages several people");
        Assert.Null(together[1].Message);
        Assert.Contains("no-such-template", together[1].Error!.Message);
        for (var i = 0; i < all.Count; i++)
        {
            if (i == 1)
            {
                continue;
            }
            var alone = await renderer.RenderAsync(all[i], CancellationToken.None);
            Assert.Equal(Comparable(alone), Comparable(together[i].Message!));
        }
        Assert.Contains(together, r => r.Message?.Short.Contains(numbers[1].Split('-')[^1].TrimStart('0')) == true);
    }

    [Theory, DatabaseData]
    public async Task DispatchAsync_TemplateStoredPastItsLimits_FailsOnlyItsNotificationQuicklyAndTheRestAreSent(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync("E-mail is down");
        var pages = await h.NotificationsAsync(number);
        // Past the API's trial render: straight into the database, as an older version could have stored it.
        // Someone not paged, so the broken notification is not bundled with a page to the same address.
        var paged = pages.Select(p => p.PersonId).ToList();
        var (personId, methodId) = await h.InDbAsync(db => db.ContactMethods.Where(m => m.Kind == ContactMethodKind.Email && !paged.Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.Id }).FirstAsync().ContinueWith(t => (t.Result.PersonId, t.Result.Id), TaskScheduler.Default));
        var stalled = await h.InDbAsync(db =>
        {
            db.MessageTemplates.Add(new MessageTemplate("stall", "stall", "Stall",
                "{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}", null, "Stall", "test", h.Time.GetUtcNow()));
            var n = Notification.ToPerson("stall", personId, methodId, NotificationChannel.Email, "stall", h.Time.GetUtcNow());
            db.Notifications.Add(n);
            return Task.FromResult(n.Id);
        });

        var clock = Stopwatch.StartNew();
        await h.DispatchAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the pass took {clock.Elapsed}");

        var failed = await h.InDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == stalled));
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.StartsWith("The template 'stall text' exceeded its render limit: a loop over more than 1000 items", failed.LastError);
        var others = await h.NotificationsAsync(number);
        Assert.NotEmpty(others);
        Assert.All(others, n => Assert.DoesNotContain("render limit", n.LastError ?? ""));
        Assert.Contains(others, n => n.Status == NotificationStatus.Sent);
    }

    /// <summary>Ack links are encrypted afresh on every rendering; the rest must match word for word.</summary>
    private static string Comparable(RenderedMessage m) => AckToken().Replace($"{m.Subject}\n{m.Text}\n{m.Html}\n{m.Short}", "/ack/TOKEN");

    [GeneratedRegex(@"/ack/[A-Za-z0-9_-]+")]
    private static partial Regex AckToken();
}
