using System.Text.RegularExpressions;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
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

    /// <summary>Ack links are encrypted afresh on every rendering; the rest must match word for word.</summary>
    private static string Comparable(RenderedMessage m) => AckToken().Replace($"{m.Subject}\n{m.Text}\n{m.Html}\n{m.Short}", "/ack/TOKEN");

    [GeneratedRegex(@"/ack/[A-Za-z0-9_-]+")]
    private static partial Regex AckToken();
}
