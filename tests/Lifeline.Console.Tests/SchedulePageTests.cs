using System.Globalization;
using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The schedule page: who is on call, the timeline, and an override made by an admin through the form.</summary>
public sealed class SchedulePageTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task SchedulePage_AdminOverridesNow_PageShowsTheOverrideOnCall(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        async Task<Guid> PersonAsync(string name) =>
            (await admin.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        Guid[] pair = [await PersonAsync("Jamie Cole"), await PersonAsync("Riley Park")];
        var schedule = await admin.PostJson("/api/v1/schedules", new
        {
            name = "Console rotation", timeZone = "America/New_York",
            layers = new[] { new { name = "Weekly", participants = pair, shiftCount = 1, shiftUnit = "Weeks", startDate = "2026-11-02", handOffTime = "08:00:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetGuid();
        var onCallNow = (await admin.GetAsync($"/api/v1/schedules/{id}/on-call").ExpectAsync(HttpStatusCode.OK)).GetProperty("onCall")[0].GetProperty("name").GetString()!;

        var page = await browser.SignedInAsync(server, await People.AccountAsync(server, "Morgan Hale", LifelineRoles.Admin), People.Password, path: "/schedules");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.Locator(".schedules li", new() { HasText = "Console rotation" })).ToContainTextAsync(onCallNow);
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Link, new() { Name = "Console rotation" }).ClickAsync();
        await page.WaitForURLAsync($"**/schedules/{id}");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync(onCallNow);
        var finalLine = page.GetByRole(AriaRole.List, new() { Name = "Final line" });
        await Expect(finalLine).ToContainTextAsync($"{onCallNow} — rotation (Weekly)");
        await Expect(page.Locator("#on-call-now")).Not.ToContainTextAsync("(rotation (Weekly))");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "schedule-desktop");

        // Picking the shift on call now fills the override form in: whom it replaces, and when.
        await finalLine.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(page.Locator("#picked")).ToContainTextAsync(onCallNow);
        await Expect(page.GetByLabel("Instead of (Replace only)").Locator("option:checked")).ToHaveTextAsync(onCallNow);
        Assert.NotEqual("", await page.GetByLabel("From (America/New_York)").InputValueAsync());
        Assert.NotEqual("", await page.GetByLabel("To (America/New_York)").InputValueAsync());

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        await page.GetByLabel("Change").SelectOptionAsync("Replace");
        await page.GetByLabel("Instead of (Replace only)").SelectOptionAsync("");
        await page.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = "Sam Whitaker" });
        await page.GetByLabel("From (America/New_York)").FillAsync(local.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("To (America/New_York)").FillAsync(local.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync();

        await Expect(page.Locator("#override").GetByRole(AriaRole.Status)).ToHaveTextAsync("Override added.");
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync("Sam Whitaker");
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync($"override, instead of {onCallNow}");
        var stored = await admin.GetAsync($"/api/v1/schedules/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Sam Whitaker", stored.GetProperty("overrides")[0].GetProperty("personName").GetString());

        // A refused override says why beside the field, and changes nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        Assert.Equal(1, (await admin.GetAsync($"/api/v1/schedules/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("overrides").GetArrayLength());
    }
}
