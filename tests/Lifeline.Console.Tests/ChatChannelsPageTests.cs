using System.Net;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// The chat channels admin page: a bad webhook URL is refused beside its field, a Teams channel is added and tested
/// (queued in the outbox; the dispatcher is off, so nothing leaves the machine), its removal is refused in words while a
/// policy names it, and it goes once the policy is gone.
/// </summary>
public sealed class ChatChannelsPageTests(Browser browser) : IClassFixture<Browser>
{
    private const string TeamsUrl = "https://example.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/abc/def";

    [Theory, DatabaseData]
    public async Task ChatChannels_AddTestRefusedRemoval_Remove(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        });
        var api = server.AdminClient();
        var me = await People.AccountAsync(server, null, LifelineRoles.Admin);
        var page = await browser.SignedInAsync(server, me, People.Password, path: "/admin/chat-channels");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chat channels", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "New chat channel" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/chat-channels/new");
        await Browser.WaitForLiveAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Major incidents");
        var url = page.GetByLabel("Incoming webhook URL");
        await url.FillAsync("http://10.0.0.5/hook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create chat channel" }).ClickAsync();
        await Expect(page.Locator("#channel-url-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#channel-url-error")).Not.ToBeEmptyAsync();
        await Expect(url).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, (await api.GetAsync("/api/v1/chat-channels").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "chat-channel-refused");

        await url.FillAsync(TeamsUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create chat channel" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/admin/chat-channels/[0-9a-f-]{36}\?created=true$"));
        await Expect(page.Locator("main p.done[role=status]")).ToHaveTextAsync("Created Major incidents.");
        var id = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await Browser.WaitForLiveAsync(page);
        await Expect(page.GetByLabel("Incoming webhook URL")).ToHaveValueAsync(TeamsUrl);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
        await Expect(page.Locator("section p.done[role=status]")).ToHaveTextAsync("Test message queued for Major incidents; see Notifications for its delivery.");
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().Notifications
                .CountAsync(n => n.ChatChannelId == id, TestContext.Current.CancellationToken));
        }
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "chat-channel");

        var policy = await api.PostJson("/api/v1/escalation-policies", new
        {
            name = "Posts to major incidents",
            tiers = new[] { new { targets = new object[] { new { kind = "ChatChannel", id } }, channels = new[] { "Chat" }, wait = "00:05:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Major incidents…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove Major incidents" }).ClickAsync();
        await Expect(page.Locator(".danger-zone [role=alert]"))
            .ToHaveTextAsync("the #major-incidents chat channel is a target of escalation policy 'Posts to major incidents'; remove it from there first.");

        await api.DeleteAsync($"/api/v1/escalation-policies/{policy.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Major incidents…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove Major incidents" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/admin/chat-channels\?removed="));
        // The list page's status line (the edit page's messages may still be on screen while the list replaces it).
        await Expect(page.Locator("main p.done[role=status]", new() { HasText = "Removed Major incidents." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New chat channel" })).ToBeVisibleAsync();
        Assert.Equal(0, (await api.GetAsync("/api/v1/chat-channels").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        await page.Context.CloseAsync();
    }
}
