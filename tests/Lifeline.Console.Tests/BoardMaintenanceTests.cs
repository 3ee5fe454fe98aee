using System.Net;
using System.Net.Http.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// The board shows the maintenance windows in force and coming up — service, until when, who set them — and that their
/// alerts are held back; live, as windows are scheduled, begin, hold back an alert and end.
/// </summary>
public sealed class BoardMaintenanceTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task Board_WindowsScheduledThroughTheApi_ShowInForceAndComingUpLive_WithTheAlertsTheyHoldBack(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        using var api = server.AdminClient();
        var mail = (await api.GetAsync("/api/v1/services?q=e-mail").ExpectAsync(HttpStatusCode.OK)).Items()[0].Id();
        var key = (await api.PostJson($"/api/v1/services/{mail}/integration-keys", new { name = "Prometheus" }).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("key").GetString()!;
        var board = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password, path: "/board");
        await Expect(board.Locator("#board-summary")).ToContainTextAsync("updated live");
        await Expect(board.Locator("#maintenance")).ToHaveCountAsync(0);

        var now = DateTimeOffset.UtcNow;
        var patching = await api.PostJson("/api/v1/maintenance-windows", new
        {
            serviceId = mail, startsAt = now.AddMinutes(-1), endsAt = now.AddHours(2), reason = "Mail server patching",
        }).ExpectAsync(HttpStatusCode.Created);
        var setBy = patching.GetProperty("createdBy").GetString()!;
        var inForce = board.Locator("#maintenance li.in-force", new() { HasText = "Mail server patching" });
        await Expect(inForce).ToBeVisibleAsync(new() { Timeout = (float)LiveUpdateTests.Bound.TotalMilliseconds });
        await Expect(inForce).ToContainTextAsync("E-mail");
        await Expect(inForce).ToContainTextAsync("in maintenance until");
        await Expect(inForce).ToContainTextAsync($"set by {setBy}");
        await Expect(inForce).ToContainTextAsync("No alert held back now.");
        await Expect(board.Locator("#maintenance-now")).ToContainTextAsync("Alerts are suppressed for E-mail");

        // A window for every service, starting in a few seconds: listed as coming up, then in force when its time comes,
        // without a reload (the board compares against the clock every second).
        await api.PostJson("/api/v1/maintenance-windows", new
        {
            startsAt = DateTimeOffset.UtcNow.AddSeconds(8), endsAt = DateTimeOffset.UtcNow.AddHours(1), reason = "Core switch replacement",
        }).ExpectAsync(HttpStatusCode.Created);
        var comingUp = board.Locator("#maintenance li.upcoming", new() { HasText = "Core switch replacement" });
        await Expect(comingUp).ToContainTextAsync("Every service", new() { Timeout = (float)LiveUpdateTests.Bound.TotalMilliseconds });
        await Expect(comingUp).ToContainTextAsync($"set by {setBy}");
        Assert.Empty(await Browser.SeriousViolationsAsync(board));

        // A firing alert for the service in maintenance: recorded, on no incident, counted on the board.
        var sent = await api.PostJson("/v2/enqueue", new
        {
            routing_key = key, event_action = "trigger", dedup_key = "queue-backlog",
            payload = new { summary = "Mail queue backlog", source = "mx-01.example.net", severity = "critical" },
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await Expect(inForce).ToContainTextAsync("1 firing alert held back.", new() { Timeout = (float)LiveUpdateTests.Bound.TotalMilliseconds });
        await Expect(board.Locator("tr[data-incident]")).ToHaveCountAsync(0);

        var everyService = board.Locator("#maintenance li.in-force", new() { HasText = "Core switch replacement" });
        await Expect(everyService).ToContainTextAsync("Every service", new() { Timeout = 20_000 });
        await Expect(board.Locator("#maintenance-now")).ToContainTextAsync("Alerts are suppressed for every service");
        Assert.Empty(await Browser.SeriousViolationsAsync(board));
        await Screenshots.TakeAsync(board, $"board-maintenance-{provider}".ToLowerInvariant());

        // Ended early through the API: gone from the board at once.
        (await api.PostAsJsonAsync($"/api/v1/maintenance-windows/{patching.Id()}/cancel", new { })).EnsureSuccessStatusCode();
        await Expect(inForce).ToHaveCountAsync(0, new() { Timeout = (float)LiveUpdateTests.Bound.TotalMilliseconds });
        await Expect(everyService).ToBeVisibleAsync();
    }

    [Theory, DatabaseData]
    public async Task Board_OnAPhone_ShowsMaintenanceWithoutSidewaysScrollingOrSeriousAxeViolation(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        using var api = server.AdminClient();
        var mail = (await api.GetAsync("/api/v1/services?q=e-mail").ExpectAsync(HttpStatusCode.OK)).Items()[0].Id();
        var now = DateTimeOffset.UtcNow;
        await api.PostJson("/api/v1/maintenance-windows", new { serviceId = mail, startsAt = now.AddMinutes(-5), endsAt = now.AddHours(3), reason = "Mailbox database move" })
            .ExpectAsync(HttpStatusCode.Created);
        await api.PostJson("/api/v1/maintenance-windows", new { serviceId = mail, startsAt = now.AddDays(2), endsAt = now.AddDays(2).AddHours(2), reason = "Certificate renewal" })
            .ExpectAsync(HttpStatusCode.Created);

        var board = await browser.SignedInAsync(server, await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician), People.Password, phone: true, path: "/board");
        await Expect(board.Locator("#maintenance li.in-force")).ToContainTextAsync("Mailbox database move");
        await Expect(board.Locator("#maintenance li.upcoming")).ToContainTextAsync("Certificate renewal");
        Assert.Empty(await Browser.SeriousViolationsAsync(board));
        await Screenshots.TakeAsync(board, $"board-maintenance-phone-{provider}".ToLowerInvariant());
        Assert.True(await board.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "The board is wider than the phone.");
    }
}
