using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// Recurring maintenance ("Sundays 02:00–04:00 Europe/Berlin"): each occurrence silences the service's alerts on the wall
/// clock of its zone, across a daylight-saving change too, and opens the incident for alerts still firing when it ends.
/// A fake clock jumps from occurrence to occurrence; the engine makes the next occurrence as each one ends.
/// </summary>
public sealed class RecurringMaintenanceTests
{
    // Saturday before the night Europe/Berlin goes from CET (UTC+1) to CEST (UTC+2): 29 March 2026, 02:00 → 03:00.
    private static readonly DateTimeOffset BeforeSpring = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);
    // The Tuesday before it goes back: 25 October 2026, 03:00 CEST → 02:00 CET.
    private static readonly DateTimeOffset BeforeAutumn = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static object Weekly(Guid? serviceId, string reason = "Weekly patching") =>
        new { serviceId, schedule = "0 2 * * SUN", timeZone = "Europe/Berlin", durationMinutes = 120, reason };

    private static List<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Occurrences(JsonElement series) =>
        [.. series.GetProperty("occurrences").EnumerateArray().Select(o => (o.GetProperty("startsAt").GetDateTimeOffset(), o.GetProperty("endsAt").GetDateTimeOffset()))];

    private static async Task JumpToAsync(EngineHarness h, DateTimeOffset at)
    {
        h.Time.SetUtcNow(at);
        // Everything due by then (the previous occurrence's end, escalation steps): a few passes, as the loop would make.
        for (var i = 0; i < 5 && await h.RunEngineAsync() > 0; i++)
        {
        }
    }

    private static async Task<JsonElement> AlertAsync(EngineHarness h, Guid serviceId, string dedupKey) =>
        Assert.Single(await h.Admin.AlertsOfServiceAsync(serviceId), a => a.GetProperty("dedupKey").GetString() == dedupKey);

    [Theory, DatabaseData]
    public async Task Weekly_AcrossTheClocksGoingForward_SilencesEachOccurrenceOnTheWallClock_ThenOpensTheIncident(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, BeforeSpring);
        var (serviceId, key, _) = await h.Admin.ServiceWithKeyAsync(major: true);
        var series = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring", Weekly(serviceId)).ExpectAsync(HttpStatusCode.Created);

        // 02:00–04:00 CET is 01:00–03:00 UTC; on 29 March 02:00 does not exist, so 03:00–04:00 CEST: 01:00–02:00 UTC.
        Assert.Equal([(Utc(3, 22, 1), Utc(3, 22, 3)), (Utc(3, 29, 1), Utc(3, 29, 2))], Occurrences(series));
        var tool = h.Server.CreateClient();

        await JumpToAsync(h, Utc(3, 22, 1, 30));
        await tool.EnqueueAsync(AlertClient.Trigger(key, "first-sunday", "Patch reboot of mx-01")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        Assert.Equal(JsonValueKind.Null, (await AlertAsync(h, serviceId, "first-sunday")).GetProperty("incidentNumber").ValueKind);
        var board = await h.Admin.GetAsync("/api/v1/board").ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(board.GetProperty("maintenance").EnumerateArray(), m => m.GetProperty("startsAt").GetDateTimeOffset() == Utc(3, 22, 1));
        Assert.Contains("0 2 * * SUN (Europe/Berlin)", row.GetProperty("recurrence").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, row.GetProperty("heldBack").GetInt32());

        // The occurrence ends at 04:00 CET: the alert still firing gets its incident, and the series makes the occurrence after next.
        await JumpToAsync(h, Utc(3, 22, 3, 0).AddSeconds(30));
        Assert.Equal(JsonValueKind.String, (await AlertAsync(h, serviceId, "first-sunday")).GetProperty("incidentNumber").ValueKind);
        var listed = Assert.Single((await h.Admin.GetAsync("/api/v1/maintenance-windows/recurring").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal([(Utc(3, 29, 1), Utc(3, 29, 2)), (Utc(4, 5, 0), Utc(4, 5, 2))], Occurrences(listed));

        // On the night the clocks go forward: 01:30 CET is before the window and pages; 03:30 CEST is in it; 04:00 CEST ends it.
        await JumpToAsync(h, Utc(3, 29, 0, 30));
        await tool.EnqueueAsync(AlertClient.Trigger(key, "before-window", "Queue backlog")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        Assert.Equal(JsonValueKind.String, (await AlertAsync(h, serviceId, "before-window")).GetProperty("incidentNumber").ValueKind);
        await JumpToAsync(h, Utc(3, 29, 1, 30));
        await tool.EnqueueAsync(AlertClient.Trigger(key, "in-window", "Patch reboot of mx-02")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        Assert.Equal(JsonValueKind.Null, (await AlertAsync(h, serviceId, "in-window")).GetProperty("incidentNumber").ValueKind);
        await JumpToAsync(h, Utc(3, 29, 2, 0).AddSeconds(30));
        Assert.Equal(JsonValueKind.String, (await AlertAsync(h, serviceId, "in-window")).GetProperty("incidentNumber").ValueKind);
    }

    [Theory, DatabaseData]
    public async Task Weekly_NightTheClocksGoBack_RunsFromTheFirst0200To0400_ThreeHours(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, BeforeAutumn);

        var series = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring", Weekly(null, "Core network changes")).ExpectAsync(HttpStatusCode.Created);

        // 02:00 CEST (00:00 UTC) comes first; 04:00 CET is 03:00 UTC. A week later, CET all night: 01:00–03:00 UTC.
        Assert.Equal([(Utc(10, 25, 0), Utc(10, 25, 3)), (Utc(11, 1, 1), Utc(11, 1, 3))], Occurrences(series));
        Assert.Equal(JsonValueKind.Null, series.GetProperty("serviceId").ValueKind);
        var windows = await h.Admin.GetAsync("/api/v1/maintenance-windows").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, windows.EnumerateArray().Count(w => w.GetProperty("recurringMaintenanceId").GetString() == series.Id().ToString()));
    }

    [Theory, DatabaseData]
    public async Task Cancelled_DuringAnOccurrence_EndsItNow_OpensTheIncident_AndMakesNoMore(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, BeforeSpring);
        var (serviceId, key, _) = await h.Admin.ServiceWithKeyAsync(major: true);
        var series = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring", Weekly(serviceId)).ExpectAsync(HttpStatusCode.Created);
        await JumpToAsync(h, Utc(3, 22, 1, 15));
        await h.Server.CreateClient().EnqueueAsync(AlertClient.Trigger(key, "held", "Patch reboot")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var cancelled = await h.Admin.PostJson($"/api/v1/maintenance-windows/recurring/{series.Id()}/cancel", new { }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();

        Assert.Equal(JsonValueKind.String, cancelled.GetProperty("cancelledAt").ValueKind);
        Assert.Equal(JsonValueKind.String, (await AlertAsync(h, serviceId, "held")).GetProperty("incidentNumber").ValueKind);
        Assert.Empty((await h.Admin.GetAsync("/api/v1/maintenance-windows/recurring").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        // Both occurrences made ahead are called off (the one in force ended now), and none is made after them.
        var windows = (await h.Admin.GetAsync("/api/v1/maintenance-windows").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(2, windows.Count);
        Assert.All(windows, w => Assert.Equal(JsonValueKind.String, w.GetProperty("cancelledAt").ValueKind));
        Assert.Empty((await h.Admin.GetAsync("/api/v1/maintenance-windows?active=true").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await JumpToAsync(h, Utc(3, 29, 1, 30));
        Assert.Equal(2, (await h.Admin.GetAsync("/api/v1/maintenance-windows").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Empty((await h.Admin.GetAsync("/api/v1/maintenance-windows?active=true").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task BadSchedule_ZoneOrDuration_Is400NamingEachField_AndStoresNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, BeforeSpring);

        var problem = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring",
            new { schedule = "every Sunday", timeZone = "Mars/Olympus_Mons", durationMinutes = 0, reason = "Bad" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var overlapping = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring",
            new { schedule = "*/30 * * * *", timeZone = "Europe/Berlin", durationMinutes = 45, reason = "Too often" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var never = await h.Admin.PostJson("/api/v1/maintenance-windows/recurring",
            new { schedule = "0 2 30 2 *", timeZone = "Europe/Berlin", durationMinutes = 60, reason = "30 February" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("schedule", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));
        Assert.True(errors.TryGetProperty("durationMinutes", out _));
        Assert.True(overlapping.GetProperty("errors").TryGetProperty("durationMinutes", out _));
        Assert.True(never.GetProperty("errors").TryGetProperty("schedule", out _));
        Assert.Empty((await h.Admin.GetAsync("/api/v1/maintenance-windows/recurring").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await h.Admin.GetAsync("/api/v1/maintenance-windows").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }
}
