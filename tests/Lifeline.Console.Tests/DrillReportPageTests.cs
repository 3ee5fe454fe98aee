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

            await page.GotoAsync("/review-actions");
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open review actions" })).ToBeVisibleAsync();
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
        }
    }
}
