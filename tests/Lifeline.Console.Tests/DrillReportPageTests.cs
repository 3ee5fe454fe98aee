using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The drill pages and the open review actions page, on a desktop and on a phone: they render what the services give, and axe finds nothing serious.</summary>
public sealed class DrillReportPageTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task DrillReportPage_AfterADrillPaged_ShowsWhoWasPagedAndNoSeriousAxeViolation(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        var serviceId = (await admin.GetAsync("/api/v1/services?q=E-mail").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var policies = await admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var policyId = (policies.ValueKind == System.Text.Json.JsonValueKind.Array ? policies : policies.GetProperty("items"))[0].GetProperty("id").GetGuid();
        var drill = await admin.PostJson("/api/v1/drills", new { serviceId, policyId }).ExpectAsync(HttpStatusCode.Created);
        var id = drill.GetProperty("id").GetGuid();
        // The engine runs in the background here: wait until tier 1 has been paged.
        for (var i = 0; i < 100 && (await admin.GetAsync($"/api/v1/drills/{id}/report").ExpectAsync(HttpStatusCode.OK)).GetProperty("people").GetArrayLength() == 0; i++)
        {
            await Task.Delay(200);
        }
        var account = await People.AccountAsync(server, "Jamie Cole", LifelineRoles.IncidentManager);

        foreach (var phone in new[] { false, true })
        {
            var page = await browser.SignedInAsync(server, account, People.Password, phone, path: "/drills");
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drill history" })).ToBeVisibleAsync();
            await Expect(page.Locator(".drills li")).ToContainTextAsync("Severity 1 escalation for E-mail");
            Assert.Empty(await Browser.SeriousViolationsAsync(page));

            await page.Locator(".drills li a").First.ClickAsync();
            await page.WaitForURLAsync($"**/drills/{id}");
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drill report Drill" })).ToBeVisibleAsync();
            await Expect(page.Locator(".headline")).ToContainTextAsync("0 of 1 people reachable");
            await Expect(page.Locator(".unreachable")).ToContainTextAsync("Henry Castillo");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", $"/api/v1/drills/{id}/report?format=csv");
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
            await Screenshots.TakeAsync(page, phone ? "drill-report-phone" : "drill-report");

            // The reports page's drill history has the drill, with the same figures as the drill report.
            await page.GotoAsync("/reports");
            var row = page.Locator("#drills-heading").Locator("xpath=ancestor::section").Locator("tbody tr").First;
            await Expect(row).ToContainTextAsync("E-mail");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("0%");
            await Expect(page.Locator("#chart-drills")).ToBeVisibleAsync();
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "reports wider than the screen");
            await page.Locator("#drills-heading").ScrollIntoViewIfNeededAsync();
            await Screenshots.TakeAsync(page, phone ? "reports-drills-phone" : "reports-drills");

            await page.GotoAsync("/review-actions");
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open review actions" })).ToBeVisibleAsync();
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
        }
    }

    [Theory, DatabaseData]
    public async Task DrillsPage_AdminSchedulesEveryTwoMonths_ErrorsBesideTheFieldsThenTheScheduleIsListed(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var account = await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Admin);
        foreach (var phone in new[] { false, true })
        {
            var page = await browser.SignedInAsync(server, account, People.Password, phone, path: "/drills");
            await Browser.WaitForLiveAsync(page);
            var name = phone ? "Bi-monthly drill (phone)" : "Bi-monthly drill";

            // The form starts in the shift calendar's zone. Wait for it: the page's first interactive render can still be
            // loading when the circuit is up, and would then put the zone back over what the test typed.
            await Expect(page.Locator("#schedule-zone")).ToHaveValueAsync("America/New_York");
            // Nothing chosen and a zone that does not exist: the drill service's words beside each field, nothing stored.
            await page.FillAsync("#schedule-zone", "Mars/Olympus");
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await Expect(page.Locator("#schedule-name-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#schedule-service-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#schedule-first-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#schedule-zone-error")).ToContainTextAsync("not an IANA time zone");
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            await Screenshots.TakeAsync(page, phone ? "drill-schedule-errors-phone" : "drill-schedule-errors");

            await page.FillAsync("#schedule-name", name);
            await page.SelectOptionAsync("#schedule-service", new SelectOptionValue { Label = "E-mail" });
            await page.SelectOptionAsync("#schedule-policy", new SelectOptionValue { Label = "Severity 1 escalation" });
            await Expect(page.Locator("#schedule-recurrence")).ToHaveValueAsync("FREQ=MONTHLY;INTERVAL=2");
            await page.FillAsync("#schedule-first", "2099-01-06T10:00");
            await page.FillAsync("#schedule-zone", "America/New_York");
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();

            var listed = page.Locator($"[data-schedule='{name}']");
            await Expect(listed).ToContainTextAsync("Severity 1 escalation for E-mail, every two months; next 2099-01-06 15:00 UTC");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Scheduled");
            await Expect(page.Locator("#schedule-name-error")).ToHaveCountAsync(0);
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
            await Screenshots.TakeAsync(page, phone ? "drill-schedule-phone" : "drill-schedule");
        }
        var schedules = await server.AdminClient().GetAsync("/api/v1/drill-schedules").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, schedules.GetArrayLength());
        Assert.All(schedules.EnumerateArray(), s => Assert.Equal("FREQ=MONTHLY;INTERVAL=2", s.GetProperty("recurrence").GetString()));

        // An incident manager runs drills but does not schedule them: no form.
        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password, path: "/drills");
        await Browser.WaitForLiveAsync(manager);
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Run a drill now" })).ToBeVisibleAsync();
        await Expect(manager.Locator("#schedule-name")).ToHaveCountAsync(0);
    }
}
