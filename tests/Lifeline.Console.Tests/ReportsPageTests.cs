using System.Net.Http.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Surveys;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The reports page as a director sees it: its charts drawn, its figures, the CSV links, and no serious axe finding.</summary>
public sealed class ReportsPageTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly string[] Charts = ["chart-incidents", "chart-mtta", "chart-mttr", "chart-sla", "chart-escalations", "chart-load", "chart-channels", "chart-satisfaction"];

    private static async Task SeedAsync(LifelineServer server)
    {
        using var api = server.AdminClient();
        var henry = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/people?q=Henry%20Castillo")).GetProperty("items")[0].GetProperty("id").GetGuid();
        foreach (var service in new[] { "E-mail", "CICS", "Portal" })
        {
            var serviceId = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/services?q={service}")).GetProperty("items")[0].GetProperty("id").GetGuid();
            var opened = await api.PostAsJsonAsync("/api/v1/incidents", new { title = $"{service} is down", serviceId, severity = service == "CICS" ? 2 : 1, reporterName = "Pat Doe" });
            opened.EnsureSuccessStatusCode();
            var number = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("number").GetString();
            (await api.PostAsJsonAsync($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "phone" })).EnsureSuccessStatusCode();
            if (service != "Portal")
            {
                (await api.PostAsJsonAsync($"/api/v1/incidents/{number}/resolve", new { summary = "Fixed." })).EnsureSuccessStatusCode();
            }
        }
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var incident = await db.Incidents.OrderBy(i => i.Number).FirstAsync();
        var (invitation, _) = SurveyInvitation.Create(incident.Id, DateTimeOffset.UtcNow, TimeSpan.FromDays(14));
        invitation.Answer(4, "Kept us informed all the way.", DateTimeOffset.UtcNow);
        db.SurveyInvitations.Add(invitation);
        await db.SaveChangesAsync();
    }

    [Theory, DatabaseData]
    public async Task ReportsPage_DirectorOnDesktopAndPhone_ChartsFiguresCsvAndNoSeriousAxeViolation(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        await SeedAsync(server);
        var director = await People.AccountAsync(server, null, LifelineRoles.Stakeholder);
        foreach (var phone in new[] { false, true })
        {
            var page = await browser.SignedInAsync(server, director, People.Password, phone);
            var response = await page.GotoAsync("/reports");
            Assert.True(response!.Ok);
            foreach (var chart in Charts)
            {
                await Expect(page.Locator($"#{chart} svg[role=img]")).ToHaveCountAsync(1);
            }
            // Three incidents, one bar each in the severity chart (two of Severity 1, one of Severity 2).
            await Expect(page.Locator("#chart-incidents svg[role=img] rect.bar")).ToHaveCountAsync(2);
            await Expect(page.Locator("#chart-incidents .chart-value")).ToHaveTextAsync(["2", "1"]);
            await Expect(page.Locator("table.figures tr.total th")).ToHaveTextAsync("Total");
            await Expect(page.Locator("#satisfaction-summary")).ToHaveTextAsync("1 answer, average 4.0 out of 5.");
            await Expect(page.GetByText("Kept us informed all the way.")).ToBeVisibleAsync();

            var csvLink = page.GetByRole(AriaRole.Link, new() { Name = "Download CSV of the incidents" });
            var href = await csvLink.GetAttributeAsync("href");
            Assert.Contains("format=csv", href);
            var csv = await page.Context.APIRequest.GetAsync(href!);
            Assert.Equal("text/csv; charset=utf-8", csv.Headers["content-type"]);
            Assert.Contains("Total,3,3,0,2,", await csv.TextAsync());

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var violations = await Browser.SeriousViolationsAsync(page);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
            await Screenshots.TakeAsync(page, phone ? "reports-phone" : "reports-desktop");

            // The picker: group by service, and a wrong date is named beside its field.
            await page.GetByLabel("Group by").SelectOptionAsync("service");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("groupBy=service", StringComparison.Ordinal));
            await Expect(page.Locator("#chart-incidents .chart-label")).ToHaveTextAsync(["CICS", "E-mail", "Portal"]);
            await page.GotoAsync("/reports?from=2026-11-30&to=2026-11-01");
            await Expect(page.Locator("#report-from-error")).ToContainTextAsync("from must be on or before to.");
            await Expect(page.GetByLabel("From")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#chart-incidents")).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
    }

    [Theory, DatabaseData]
    public async Task ReportsPage_Responder_IsRefusedAndNotInTheMenu(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var page = await browser.SignedInAsync(server, await People.AccountAsync(server, "Chris Adeyemi", LifelineRoles.Responder), People.Password);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reports" })).ToHaveCountAsync(0);
        await page.GotoAsync("/reports");
        await Expect(page.Locator("#chart-incidents")).ToHaveCountAsync(0);
    }
}
