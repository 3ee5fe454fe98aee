using System.Net.Http.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lifeline.Console.Tests;

/// <summary>
/// Every page, on a desktop and on a phone: no serious or critical axe-core violation, nothing wider than the screen,
/// and the main commands reachable with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests(Browser browser) : IClassFixture<Browser>
{
    private sealed record Opened(string Number);

    [Theory, DatabaseData]
    public async Task EveryPage_DesktopAndPhone_NoSeriousAxeViolationAndNoSidewaysScrolling(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await OpenIncidentAsync(server);
        var problems = new List<string>();
        var account = await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician, LifelineRoles.IncidentManager);
        foreach (var phone in new[] { false, true })
        {
            await CheckEveryPageAsync(server, account, number, phone, problems);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task CheckEveryPageAsync(LifelineServer server, string account, string number, bool phone, List<string> found)
    {
        var problems = new List<string>();

        var anonymous = await browser.NewPageAsync(server, phone);
        await CheckAsync(anonymous, "/signin", problems, live: false);
        await CheckAsync(anonymous, "/status", problems, live: false);

        var admin = await browser.SignedInAsync(server, account, People.Password, phone);
        foreach (var path in new[] { "/board", "/my-pages", "/desk", $"/incidents/{number}", "/directory", "/contact-list", "/me/contact-methods", "/me/availability" })
        {
            await CheckAsync(admin, path, problems, live: true);
        }
        foreach (var path in new[] { "/letter", "/contact-list/print", "/status-page", "/reports" })
        {
            await CheckAsync(admin, path, problems, live: false);
        }
        // The directory with a person's contact methods open.
        await admin.GotoAsync("/directory");
        await Browser.WaitForLiveAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Henry Castillo" }).ClickAsync();
        await admin.Locator(".person-details").WaitForAsync();
        problems.AddRange((await Browser.SeriousViolationsAsync(admin)).Select(v => $"/directory (person open): {v}"));
        found.AddRange(problems.Select(p => (phone ? "phone " : "desktop ") + p));
    }

    [Fact]
    public async Task AxeCheck_PageWithAnUnlabelledFieldAndAFaintText_ReportsBoth()
    {
        // The check every page test relies on finds what it should: a field without a label, grey on white.
        var context = await browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>t</title></head>
            <body><main><h1>Form</h1><input type="text"><p style="color:#ccc;background:#fff">Faint words</p></main></body></html>
            """);
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.Contains(violations, v => v.StartsWith("label (critical)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("color-contrast (serious)", StringComparison.Ordinal) && v.Contains("Faint words", StringComparison.Ordinal));
        await context.DisposeAsync();
    }

    [Theory, DatabaseData]
    public async Task IncidentPage_KeyboardOnly_AcknowledgesWithTabAndEnter(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await OpenIncidentAsync(server);
        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password);
        await manager.GotoAsync($"/incidents/{number}");
        await Browser.WaitForLiveAsync(manager);

        // Tab from the top of the page until the Acknowledge button has the focus, then press Enter: no mouse.
        for (var i = 0; i < 40 && await manager.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") != "Acknowledge"; i++)
        {
            await manager.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("Acknowledge", await manager.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''"));
        await manager.Keyboard.PressAsync("Enter");
        await Microsoft.Playwright.Assertions.Expect(manager.Locator("#incident-status")).ToHaveTextAsync("Acknowledged");
    }

    private static async Task CheckAsync(IPage page, string path, List<string> problems, bool live)
    {
        var response = await page.GotoAsync(path);
        if (response is null || !response.Ok)
        {
            problems.Add($"{path}: HTTP {response?.Status}");
            return;
        }
        if (live)
        {
            await Browser.WaitForLiveAsync(page);
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        problems.AddRange((await Browser.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 1)
        {
            problems.Add($"{path}: {overflow} px wider than the screen");
        }
    }

    internal static async Task<string> OpenIncidentAsync(LifelineServer server)
    {
        using var api = server.AdminClient();
        var services = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/services?q=e-mail");
        var serviceId = services.GetProperty("items")[0].GetProperty("id").GetGuid();
        var response = await api.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "E-mail is down for everyone", serviceId, impactScope = "MajorityOrTotal", serviceState = "Down",
            reporterName = "Pat Doe", reporterContact = "pat.doe@example.org",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Opened>())!.Number;
    }
}
