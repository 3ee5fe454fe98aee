using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// An admin builds a three-tier policy in the editor, gets a refusal beside the field, reorders a channel, and tries it with the
/// dry run for a day-shift and an off-shift moment with Henry Castillo away (Dana Whitfield stands in); every save is in the
/// audit log. The moments are fixed dates, and the policy names people, a team and the service area manager rather than a
/// schedule, so who is paged does not depend on the week the demo organisation was loaded in.
/// </summary>
public sealed class PolicyEditorTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>Tuesday 24 November 2026 in New York, the shift calendar's zone.</summary>
    private const string DayShift = "2026-11-24T10:00", OffShift = "2026-11-24T20:00";

    [Theory, DatabaseData]
    public async Task PolicyEditor_AdminBuildsThreeTiers_DryRunNamesTheRightPeopleAtTheRightMinutes(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var api = server.AdminClient();
        var henry = (await api.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var dana = (await api.GetAsync("/api/v1/people?q=Dana Whitfield").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        // Away on the evening of the 24th (20:00 New York is 01:00 UTC on the 25th), not during the day.
        await api.PostJson($"/api/v1/people/{henry}/availability", new
        {
            from = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero),
            to = new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero),
            standInId = dana,
            reason = "evening off",
        }).ExpectAsync(HttpStatusCode.Created);
        var account = await People.AccountAsync(server, null, LifelineRoles.Admin);
        var name = $"Mail outage {Guid.NewGuid():N}"[..24];

        var page = await browser.SignedInAsync(server, account, People.Password, path: "/board");
        await page.Locator("summary", new() { HasText = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Escalation policies" }).ClickAsync();
        await page.WaitForURLAsync("**/policies");
        await page.GetByRole(AriaRole.Link, new() { Name = "New policy" }).ClickAsync();
        await page.WaitForURLAsync("**/policies/new");
        await Browser.WaitForLiveAsync(page);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        // Tier 1: Henry Castillo by voice, then SMS (the defaults), wait 5 minutes (the default).
        await page.Locator("#tier-0-target-0-kind").SelectOptionAsync("Person");
        await page.Locator("#tier-0-target-0-id").SelectOptionAsync(new SelectOptionValue { Label = "Henry Castillo (Incident Manager 1)" });
        // Tier 2: the Messaging Team by SMS, wait 10 minutes; the team is not chosen yet, so saving is refused beside the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a tier" }).ClickAsync();
        await page.Locator("#tier-1-target-0-kind").SelectOptionAsync("Team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Voice from tier 2" }).ClickAsync();
        await page.Locator("#tier-1-wait").FillAsync("10");
        // Tier 3: the service area manager by voice, wait 15 minutes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a tier" }).ClickAsync();
        await page.Locator("#tier-2-target-0-kind").SelectOptionAsync("ServiceAreaManager");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Sms from tier 3" }).ClickAsync();
        await page.Locator("#tier-2-wait").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();
        await Expect(page.Locator("#tier-1-target-0-error")).ToContainTextAsync("needs the id of the team");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "policy-editor-refused");

        await page.Locator("#tier-1-target-0-id").SelectOptionAsync(new SelectOptionValue { Label = "Messaging Team" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/policies/new", StringComparison.Ordinal));
        await Browser.WaitForLiveAsync(page);
        var chain = page.Locator(".tier-chain");
        await Expect(chain).ToContainTextAsync("Tier 1: Henry Castillo by Voice, then Sms");
        await Expect(chain).ToContainTextAsync("wait 5 min, then");
        await Expect(chain).ToContainTextAsync("Tier 2: Messaging Team by Sms");
        await Expect(chain).ToContainTextAsync("Tier 3: the service area manager of the incident's service by Voice");
        await Expect(chain).ToContainTextAsync("the escalation ends unanswered");
        var policyId = page.Url.Split('/').Last();

        // Reorder: tier 1 by SMS first, then voice.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move Sms of tier 1 earlier" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        await Expect(chain).ToContainTextAsync("Tier 1: Henry Castillo by Sms, then Voice");

        // The day shift: Henry, then both Messaging engineers at minute 5, then Leo Brandt (Enterprise Services) at minute 15.
        await page.Locator("#dry-service").SelectOptionAsync(new SelectOptionValue { Label = "E-mail" });
        await page.Locator("#dry-at").FillAsync(DayShift);
        await page.Locator("#dry-at").DispatchEventAsync("change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.Locator(".dry-run-result")).ToContainTextAsync("Day shift");
        Assert.Equal(
        [
            "0|1|Henry Castillo|Sms", "0|1|Henry Castillo|Voice", "5|2|Chris Adeyemi|Sms", "5|2|Hannah Kowalski|Sms", "15|3|Leo Brandt|Voice",
        ], await PagedAsync(page));
        await Expect(page.Locator(".dry-run-result")).ToContainTextAsync("At minute 30");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "policy-dry-run-day");
        await AssertNoSidewaysScrollingAsync(page);

        // Off shift, Henry away: Dana Whitfield stands in at minute 0, and Henry is shown as not paged with why.
        await page.Locator("#dry-at").FillAsync(OffShift);
        await page.Locator("#dry-at").DispatchEventAsync("change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.Locator(".dry-run-result")).ToContainTextAsync("Off shift");
        Assert.Equal(
        [
            "0|1|Dana Whitfield|Sms", "0|1|Dana Whitfield|Voice", "5|2|Chris Adeyemi|Sms", "5|2|Hannah Kowalski|Sms", "15|3|Leo Brandt|Voice",
        ], await PagedAsync(page));
        await Expect(page.Locator(".dry-run-table tr.paged").First).ToContainTextAsync("stand-in for Henry Castillo");
        await Expect(page.Locator(".dry-run-table tr.not-paged").First).ToContainTextAsync("Henry Castillo");
        await Screenshots.TakeAsync(page, "policy-dry-run-off");

        // Every save is in the audit log, under the admin's name.
        var audit = await api.GetAsync($"/api/v1/audit-log?entityType=EscalationPolicy&entityId={policyId}").ExpectAsync(HttpStatusCode.OK);
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(account, e.GetProperty("actor").GetString()));
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "Created");

        // A phone: the same page, the menu, the dry run; nothing serious for axe and no sideways scrolling.
        var phone = await browser.SignedInAsync(server, account, People.Password, phone: true, path: $"/policies/{policyId}");
        await Browser.WaitForLiveAsync(phone);
        await phone.Locator("summary", new() { HasText = "Admin" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Escalation policies" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(phone, "policy-menu-phone");
        await phone.Locator("#dry-service").SelectOptionAsync(new SelectOptionValue { Label = "E-mail" });
        await phone.Locator("#dry-at").FillAsync(OffShift);
        await phone.Locator("#dry-at").DispatchEventAsync("change");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(phone.Locator(".dry-run-table tr.paged").First).ToContainTextAsync("Dana Whitfield");
        Assert.Empty(await Browser.SeriousViolationsAsync(phone));
        await Screenshots.TakeAsync(phone, "policy-dry-run-phone");
        await AssertNoSidewaysScrollingAsync(phone);
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

    /// <summary>The paged lines of the dry-run table as minute|tier|person|channel, in the table's order.</summary>
    private static async Task<List<string>> PagedAsync(IPage page)
    {
        var rows = page.Locator(".dry-run-table tr.paged");
        var lines = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            lines.Add($"{cells[0].Trim()}|{cells[1].Trim()}|{cells[2].Trim()}|{cells[3].Trim()}");
        }
        return lines;
    }
}
