using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>Heartbeat deadlines and maintenance window ends are engine jobs: a fake clock moves, the engine runs, the database remembers.</summary>
public sealed class HeartbeatAndMaintenanceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task Heartbeat_MissedThenResumed_OpensThenResolvesTheIncident_AndWatchesAgain(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Start);
        var (serviceId, key, _) = await h.Admin.ServiceWithKeyAsync();
        var monitor = await h.Admin.PostJson($"/api/v1/services/{serviceId}/heartbeat-monitors", new { name = "Nightly export", intervalSeconds = 300, graceSeconds = 60 })
            .ExpectAsync(HttpStatusCode.Created);
        var url = monitor.GetProperty("heartbeatUrl").GetString()!;
        var job = h.Server.CreateClient();
        job.DefaultRequestHeaders.Add("X-Integration-Key", key);

        await job.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        await job.PostAsync(url, null).ExpectAsync(HttpStatusCode.OK);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(await h.Admin.AlertsOfServiceAsync(serviceId));

        // The last heartbeat was at 15:05; with 5 minutes and 1 minute of grace, 15:11 passes without one.
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        var alert = Assert.Single(await h.Admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("heartbeat", alert.GetProperty("origin").GetString());
        Assert.Equal("Triggered", alert.GetProperty("status").GetString());
        Assert.Contains("Nightly export", alert.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var number = alert.GetProperty("incidentNumber").GetString()!;
        Assert.Equal("Open", (await h.Admin.IncidentAsync(number)).Status());

        await job.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Resolved", Assert.Single(await h.Admin.AlertsOfServiceAsync(serviceId)).GetProperty("status").GetString());
        Assert.Equal("Resolved", (await h.Admin.IncidentAsync(number)).Status());

        // Watching again from that heartbeat: silence for longer than interval and grace is a new missed heartbeat.
        await h.AdvanceAsync(TimeSpan.FromMinutes(7));
        var alerts = await h.Admin.AlertsOfServiceAsync(serviceId);
        Assert.Equal(2, alerts.Count);
        Assert.Single(alerts, a => a.GetProperty("status").GetString() == "Triggered");
    }

    [Theory, DatabaseData]
    public async Task Heartbeat_KeyOfAnotherService_IsRefused(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Start);
        var (serviceId, _, _) = await h.Admin.ServiceWithKeyAsync();
        var (_, otherKey, _) = await h.Admin.ServiceWithKeyAsync();
        var monitor = await h.Admin.PostJson($"/api/v1/services/{serviceId}/heartbeat-monitors", new { name = "Backup", intervalSeconds = 300 })
            .ExpectAsync(HttpStatusCode.Created);
        var job = h.Server.CreateClient();

        await job.GetAsync(monitor.GetProperty("heartbeatUrl").GetString()!).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        job.DefaultRequestHeaders.Add("X-Integration-Key", otherKey);
        await job.GetAsync(monitor.GetProperty("heartbeatUrl").GetString()!).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task MaintenanceWindow_ScheduledAhead_SilencesAlertsThenOpensTheIncidentForThoseStillFiringWhenItEnds(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Start);
        var (serviceId, key, _) = await h.Admin.ServiceWithKeyAsync(major: true);
        await h.Admin.PostJson("/api/v1/maintenance-windows", new
        {
            serviceId, startsAt = Start.AddMinutes(10), endsAt = Start.AddMinutes(70), reason = "Storage firmware upgrade",
        }).ExpectAsync(HttpStatusCode.Created);
        var tool = h.Server.CreateClient();

        await h.AdvanceAsync(TimeSpan.FromMinutes(20));
        await tool.EnqueueAsync(AlertClient.Trigger(key, "still-firing", "Array controller offline")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await tool.EnqueueAsync(AlertClient.Trigger(key, "recovers", "Path failover")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        await tool.EnqueueAsync(AlertClient.Action(key, "resolve", "recovers")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await h.AdvanceAsync(TimeSpan.FromMinutes(30));

        // In the window: recorded, on no incident, so nobody was paged.
        var during = await h.Admin.AlertsOfServiceAsync(serviceId);
        Assert.Equal(2, during.Count);
        Assert.All(during, a => Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("incidentNumber").ValueKind));
        var active = await h.Admin.GetAsync("/api/v1/maintenance-windows?active=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(active.EnumerateArray(), w => w.GetProperty("serviceId").GetString() == serviceId.ToString());
        var board = await h.Admin.GetAsync("/api/v1/board").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(board.GetProperty("maintenance").EnumerateArray(), m => m.GetProperty("reason").GetString() == "Storage firmware upgrade");

        await h.AdvanceAsync(TimeSpan.FromMinutes(11));

        var boardAfter = await h.Admin.GetAsync("/api/v1/board").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(boardAfter.GetProperty("maintenance").EnumerateArray(), m => m.GetProperty("reason").GetString() == "Storage firmware upgrade");
        var after = (await h.Admin.AlertsOfServiceAsync(serviceId)).ToDictionary(a => a.GetProperty("dedupKey").GetString()!);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after["recovers"].GetProperty("incidentNumber").ValueKind);
        var number = after["still-firing"].GetProperty("incidentNumber").GetString()!;
        var incident = await h.Admin.IncidentAsync(number);
        Assert.Equal("Escalating", incident.Status());
        Assert.True(incident.GetProperty("openedAt").GetDateTimeOffset() >= Start.AddMinutes(70));
        await h.RunEngineAsync();
        var notifications = await h.Admin.GetAsync($"/api/v1/incidents/{number}/notifications").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(notifications.Items(), n => n.GetProperty("template").GetString() == "tier-page");
    }

    [Theory, DatabaseData]
    public async Task MaintenanceWindow_EndsBeforeItStarts_Is400NamingEndsAt(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Start);

        var problem = await h.Admin.PostJson("/api/v1/maintenance-windows", new { startsAt = Start.AddHours(2), endsAt = Start.AddHours(1), reason = "Backwards" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("endsAt", out _));
        var all = await h.Admin.GetAsync("/api/v1/maintenance-windows").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(all.EnumerateArray());
    }
}
