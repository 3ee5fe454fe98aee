using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>A refused form shows the service's words beside its fields, and changes nothing.</summary>
public sealed class FormTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task OpenIncident_WithoutServiceAndTitle_ErrorsBesideTheFieldsAndNothingStored(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var technician = await browser.SignedInAsync(server, await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician), People.Password);

        await technician.GetByRole(AriaRole.Button, new() { Name = "Open the incident" }).ClickAsync();

        await Expect(technician.Locator("#title-error")).ToBeVisibleAsync();
        await Expect(technician.Locator("#service-error")).ToBeVisibleAsync();
        await Expect(technician.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        Assert.EndsWith("/desk", technician.Url, StringComparison.Ordinal);
        using var scope = server.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().Incidents.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task Resolve_WithoutSummary_ErrorBesideTheSummaryAndStillOpen(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password,
            path: $"/incidents/{number}");

        await manager.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();

        await Expect(manager.Locator("#resolve-summary-error")).ToBeVisibleAsync();
        await Expect(manager.Locator("#incident-status")).Not.ToHaveTextAsync("Resolved");
        using var scope = server.Services.CreateScope();
        var incident = await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().Incidents.SingleAsync(i => i.Number == number);
        Assert.Null(incident.ResolvedAt);
    }
}
