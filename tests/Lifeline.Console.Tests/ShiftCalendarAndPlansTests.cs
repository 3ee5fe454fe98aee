using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// An admin makes Saturday a day around the clock and adds a holiday on the shift calendar page (a bad zone is refused beside
/// the field), then builds a communication plan whose rule tells Priya Raman by e-mail during the day shift (the same channel
/// as the fallback is refused beside the field first); the plan's dry run on a Saturday night is the day shift and names her
/// and the channels. Every save is in the audit log under the admin's name; both pages fit a phone, and a viewer reads the
/// calendar without an editor.
/// </summary>
public sealed class ShiftCalendarAndPlansTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>Saturday 28 November 2026, 22:00 in New York: off shift on the demo's calendar, day shift once Saturday is around the clock.</summary>
    private const string SaturdayNight = "2026-11-28T22:00";

    [Theory, DatabaseData]
    public async Task ShiftCalendarAndPlans_AdminSetsSaturdayAroundTheClockAndBuildsAPlan_DryRunTellsTheRecipientByItsChannel(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var api = server.AdminClient();
        var account = await People.AccountAsync(server, null, LifelineRoles.Admin);
        var name = $"Weekend notice {Guid.NewGuid():N}"[..26];

        var page = await browser.SignedInAsync(server, account, People.Password, path: "/board");
        await page.Locator("summary", new() { HasText = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Shift calendar" }).ClickAsync();
        await page.WaitForURLAsync("**/shift-calendar");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.Locator(".shift-now")).ToContainTextAsync("shift");

        // A zone that does not exist is refused beside the field, and nothing is saved.
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Expect(page.Locator("#calendar-zone-error")).ToContainTextAsync("not an IANA time zone");
        await Expect(page.GetByLabel("Time zone")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "shift-calendar-refused");

        await page.GetByLabel("Time zone").FillAsync("America/New_York");
        await page.GetByRole(AriaRole.Group, new() { Name = "Saturday" }).GetByLabel("Around the clock").CheckAsync();
        await page.Locator("#holiday-date").FillAsync("2026-12-24");
        await page.Locator("#holiday-name").FillAsync("Christmas Eve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add holiday" }).ClickAsync();
        await Expect(page.Locator(".holiday-list")).ToContainTextAsync("2026-12-24 Christmas Eve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved:" })).ToContainTextAsync("America/New_York");
        await Expect(page.Locator("#calendar-zone-error")).ToHaveCountAsync(0);
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "shift-calendar-saved");

        var calendar = await api.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(calendar.GetProperty("hours").EnumerateArray(), h => h.GetProperty("day").GetString() == "Saturday"
            && h.GetProperty("start").GetString() == "00:00:00" && h.GetProperty("end").GetString() == "24:00:00");
        Assert.Contains(calendar.GetProperty("holidays").EnumerateArray(), h => h.GetProperty("name").GetString() == "Christmas Eve"
            && h.GetProperty("date").GetString() == "2026-12-24");

        // A plan: Severity 1, when escalation starts, day shift, Priya Raman by e-mail; a fallback of e-mail too is refused.
        await page.Locator("summary", new() { HasText = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Communication plans" }).ClickAsync();
        await page.WaitForURLAsync("**/communication-plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "New plan" }).ClickAsync();
        await page.WaitForURLAsync("**/communication-plans/new");
        await Browser.WaitForLiveAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.Locator("#rule-0-shift").SelectOptionAsync("Day");
        await page.Locator("#rule-0-target-0-kind").SelectOptionAsync("Person");
        await page.Locator("#rule-0-target-0-id").SelectOptionAsync(new SelectOptionValue { Label = "Priya Raman (Chief Information Officer)" });
        await page.Locator("#rule-0-channel").SelectOptionAsync("Email");
        await page.Locator("#rule-0-fallback").SelectOptionAsync("Email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await Expect(page.Locator("#rule-0-fallback-error")).ToContainTextAsync("another channel");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "plan-editor-refused");

        await page.Locator("#rule-0-fallback").SelectOptionAsync("Sms");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create plan" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/communication-plans/new", StringComparison.Ordinal));
        await Browser.WaitForLiveAsync(page);
        await Expect(page.Locator(".rule-sentences")).ToContainTextAsync("Severity 1, when escalation starts, day shift: Priya Raman by e-mail, fallback SMS.");
        var planId = page.Url.Split('/').Last();

        // Saturday night is the day shift now: Priya hears by e-mail, SMS if that fails.
        await page.Locator("#plan-dry-service").SelectOptionAsync(new SelectOptionValue { Label = "E-mail" });
        await page.Locator("#plan-dry-at").FillAsync(SaturdayNight);
        await page.Locator("#plan-dry-at").DispatchEventAsync("change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        var result = page.Locator(".dry-run-result");
        await Expect(result).ToContainTextAsync("Day shift: business hours around the clock (Saturday America/New_York)");
        var told = page.Locator(".dry-run-table tr.told");
        await Expect(told).ToHaveCountAsync(1);
        Assert.Equal(["when escalation starts (initial)", "1", "Priya Raman", "e-mail", "SMS"],
            (await told.Locator("td").AllInnerTextsAsync()).Take(5).Select(t => t.Trim()));
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "plan-dry-run");

        // Both changes are in the audit log, under the admin's name.
        var calendarLog = await api.GetAsync("/api/v1/audit-log?entityType=ShiftCalendar").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(calendarLog.Items(), e => e.GetProperty("actor").GetString() == account && e.GetProperty("after").GetString()!.Contains("Christmas Eve", StringComparison.Ordinal));
        var planLog = await api.GetAsync($"/api/v1/audit-log?entityType=CommunicationPlan&entityId={planId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(planLog.Items(), e => e.GetProperty("actor").GetString() == account && e.GetProperty("action").GetString() == "Created");

        // A phone: both pages fit the width and have nothing serious for axe.
        var phone = await browser.SignedInAsync(server, account, People.Password, phone: true, path: "/shift-calendar");
        await Browser.WaitForLiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.Group, new() { Name = "Saturday" }).GetByLabel("Around the clock")).ToBeCheckedAsync();
        Assert.Empty(await Browser.SeriousViolationsAsync(phone));
        await Screenshots.TakeAsync(phone, "shift-calendar-phone");
        await AssertNoSidewaysScrollingAsync(phone);
        await phone.GotoAsync($"/communication-plans/{planId}");
        await Browser.WaitForLiveAsync(phone);
        await Expect(phone.Locator(".rule-sentences")).ToContainTextAsync("Priya Raman by e-mail");
        Assert.Empty(await Browser.SeriousViolationsAsync(phone));
        await Screenshots.TakeAsync(phone, "plan-phone");
        await AssertNoSidewaysScrollingAsync(phone);

        // Someone who is not an admin reads the week and the holidays, and has nothing to change.
        var viewer = await People.AccountAsync(server, null, LifelineRoles.Viewer);
        var reader = await browser.SignedInAsync(server, viewer, People.Password, phone: true, path: "/shift-calendar");
        await Browser.WaitForLiveAsync(reader);
        await Expect(reader.Locator(".shift-week")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Saturday\s*Around the clock"));
        await Expect(reader.Locator(".shift-week")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Monday\s*08:00–17:00"));
        await Expect(reader.GetByText("2026-12-24 · Christmas Eve")).ToBeVisibleAsync();
        await Expect(reader.GetByRole(AriaRole.Button, new() { Name = "Save calendar" })).ToHaveCountAsync(0);
        Assert.Empty(await Browser.SeriousViolationsAsync(reader));
        await Screenshots.TakeAsync(reader, "shift-calendar-reader-phone");
        await AssertNoSidewaysScrollingAsync(reader);
    }

    /// <summary>The page fits the screen's width; if not, the message names the elements that stick out.</summary>
    private static async Task AssertNoSidewaysScrollingAsync(IPage page)
    {
        var wider = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth - width <= 1) return "";
              return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 8).map(e => `${e.tagName}.${e.className}#${e.id} right=${Math.round(e.getBoundingClientRect().right)}`).join("; ") || "?";
            }
            """);
        Assert.True(wider.Length == 0, $"wider than the screen: {wider}");
    }
}
