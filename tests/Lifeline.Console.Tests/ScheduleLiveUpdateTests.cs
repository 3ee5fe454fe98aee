using System.Diagnostics;
using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>An open schedule page follows absences and overrides saved elsewhere — through the API, through another instance — without a reload.</summary>
public sealed class ScheduleLiveUpdateTests(Browser browser) : IClassFixture<Browser>
{
    private static async Task<(Guid Id, string OnCall)> RotationAsync(HttpClient admin)
    {
        async Task<Guid> PersonAsync(string person) =>
            (await admin.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(person)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        Guid[] pair = [await PersonAsync("Jamie Cole"), await PersonAsync("Riley Park")];
        var schedule = await admin.PostJson("/api/v1/schedules", new
        {
            name = "Live rotation", timeZone = "America/New_York",
            layers = new[] { new { name = "Weekly", participants = pair, shiftCount = 1, shiftUnit = "Weeks", startDate = "2026-11-02", handOffTime = "08:00:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetGuid();
        return (id, (await admin.GetAsync($"/api/v1/schedules/{id}/on-call").ExpectAsync(HttpStatusCode.OK)).GetProperty("onCall")[0].GetProperty("name").GetString()!);
    }

    /// <summary>An absence is saved in the directory, not in the schedule: the page hears of it all the same.</summary>
    private static async Task<TimeSpan> AbsenceAndWaitAsync(HttpClient api, Microsoft.Playwright.IPage page, string onCall)
    {
        var away = (await api.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(onCall)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        await api.PostJson($"/api/v1/people/{away}/availability", new { from = now.AddMinutes(-10), to = now.AddHours(2), reason = "sick" }).ExpectAsync(HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync($"next in rotation for {onCall}", new() { Timeout = 5_000 });
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> OverrideAndWaitAsync(HttpClient api, Microsoft.Playwright.IPage page, Guid scheduleId)
    {
        var sam = (await api.GetAsync("/api/v1/people?q=Sam%20Whitaker").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        // Measured from the API's answer: the override is committed then.
        await api.PostJson($"/api/v1/schedules/{scheduleId}/overrides", new { kind = "Replace", personId = sam, from = now.AddMinutes(-10), to = now.AddHours(2) })
            .ExpectAsync(HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync("Sam Whitaker", new() { Timeout = 5_000 });
        return clock.Elapsed;
    }

    [Theory, DatabaseData]
    public async Task SchedulePage_AbsenceAndOverrideMadeThroughTheApi_AppearLiveWithoutAReload(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        var (id, onCall) = await RotationAsync(admin);
        var page = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password,
            path: $"/schedules/{id}");
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync(onCall);

        var absence = await AbsenceAndWaitAsync(admin, page, onCall);
        var colleague = onCall == "Jamie Cole" ? "Riley Park" : "Jamie Cole";
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync(colleague);

        var elapsed = await OverrideAndWaitAsync(admin, page, id);

        await Expect(page.Locator("#on-call-now")).ToContainTextAsync($"instead of {colleague}");
        Assert.True(absence < LiveUpdateTests.Bound, $"The absence appeared after {absence.TotalMilliseconds:F0} ms.");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.List, new() { Name = "Final line" })).ToContainTextAsync("Sam Whitaker");
        Assert.True(elapsed < LiveUpdateTests.Bound, $"The override appeared after {elapsed.TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task SchedulePage_OnInstanceA_ShowsAnAbsenceAndAnOverrideMadeThroughInstanceB()
    {
        TestEnvironment.Require(TestEnvironment.PostgresConnectionString is not null, "PostgreSQL (LIFELINE_TEST_POSTGRES)");
        await using var a = await LifelineServer.StartAsync(DatabaseProvider.Postgres, kestrel: true,
            settings: new Dictionary<string, string?> { ["Lifeline:Engine:RunInBackground"] = "false" });
        await using var b = await LifelineServer.StartAsync(DatabaseProvider.Postgres, seedDemoData: false,
            settings: new Dictionary<string, string?> { ["Lifeline:Database:ConnectionString"] = a.Database.ConnectionString });
        var (id, onCall) = await RotationAsync(a.AdminClient());
        var page = await browser.SignedInAsync(a, await People.AccountAsync(a, "Henry Castillo", LifelineRoles.IncidentManager), People.Password,
            path: $"/schedules/{id}");
        await Expect(page.Locator("#on-call-now")).ToContainTextAsync(onCall);

        var absence = await AbsenceAndWaitAsync(b.AdminClient(), page, onCall);
        var elapsed = await OverrideAndWaitAsync(b.AdminClient(), page, id);

        Assert.True(absence < LiveUpdateTests.Bound, $"The other instance's absence appeared after {absence.TotalMilliseconds:F0} ms.");
        Assert.True(elapsed < LiveUpdateTests.Bound, $"The other instance's override appeared after {elapsed.TotalMilliseconds:F0} ms.");
    }
}
