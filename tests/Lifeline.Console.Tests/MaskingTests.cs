using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The console masks what the API masks, for the same roles, and a read in clear is in the access log either way.</summary>
public sealed class MaskingTests(Browser browser) : IClassFixture<Browser>
{
    private const string HenryCell = "+18605550106";

    [Theory, DatabaseData]
    public async Task Viewer_SeesMaskedValuesAndNoReveal_TechnicianReadIsInTheAccessLog(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);

        var viewer = await browser.SignedInAsync(server, await People.AccountAsync(server, null, LifelineRoles.Viewer), People.Password);
        await viewer.GotoAsync("/directory");
        await Browser.WaitForLiveAsync(viewer);
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Henry Castillo" }).ClickAsync();
        await Expect(viewer.Locator(".person-details")).ToBeVisibleAsync();
        Assert.DoesNotContain(HenryCell, await viewer.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("5550106", await viewer.Locator(".person-details").InnerTextAsync(), StringComparison.Ordinal);
        await Expect(viewer.Locator(".person-details .masked").First).ToBeVisibleAsync();
        await viewer.GotoAsync($"/incidents/{number}");
        await Browser.WaitForLiveAsync(viewer);
        Assert.DoesNotContain("pat.doe@example.org", await viewer.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Link, new() { Name = "Sev 1 contact list" }).CountAsync());
        Assert.Equal(0, await AccessLogCountAsync(server, "viewer"));

        var technicianName = await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician);
        var technician = await browser.SignedInAsync(server, technicianName, People.Password);
        await technician.GotoAsync("/directory");
        await Browser.WaitForLiveAsync(technician);
        await technician.GetByRole(AriaRole.Button, new() { Name = "Henry Castillo" }).ClickAsync();
        await Expect(technician.Locator(".person-details")).ToContainTextAsync(HenryCell);
        Assert.Equal(1, await AccessLogCountAsync(server, technicianName));
        await technician.GotoAsync($"/incidents/{number}");
        await Browser.WaitForLiveAsync(technician);
        await Expect(technician.Locator("#main")).ToContainTextAsync("pat.doe@example.org");
    }

    private static async Task<int> AccessLogCountAsync(LifelineServer server, string actorPrefix)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var henry = await db.People.Where(p => p.Name == "Henry Castillo").Select(p => p.Id).SingleAsync();
        return await db.ContactAccessLog.CountAsync(e => e.PersonId == henry && e.Actor.StartsWith(actorPrefix));
    }
}
