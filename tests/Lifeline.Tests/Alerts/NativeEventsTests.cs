using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>Lifeline's own event shape at /api/v1/alerts/events: problem details naming each bad field, the key in X-Integration-Key.</summary>
public sealed class NativeEventsTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Trigger_ThenResolve_OpensAndResolvesTheIncident(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var tool = server.CreateClient();
        tool.DefaultRequestHeaders.Add("X-Integration-Key", key);

        var accepted = await tool.PostJson("/api/v1/alerts/events", new
        {
            action = "trigger", dedupKey = "backup-failed", summary = "Nightly backup failed", source = "backup-01.example.net", severity = "error",
            labels = new Dictionary<string, string> { ["team"] = "storage" }, details = new { job = "nightly", exitCode = 2 },
        }).ExpectAsync(HttpStatusCode.Accepted);
        var number = accepted.GetProperty("incidentNumber").GetString()!;
        Assert.Equal("backup-failed", accepted.GetProperty("dedupKey").GetString());
        Assert.Equal("Open", (await admin.IncidentAsync(number)).GetProperty("status").GetString());
        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("native", alert.GetProperty("origin").GetString());
        Assert.Equal("storage", alert.GetProperty("labels").GetProperty("team").GetString());

        await tool.PostJson("/api/v1/alerts/events", new { action = "resolve", dedupKey = "backup-failed" }).ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal("Resolved", (await admin.IncidentAsync(number)).GetProperty("status").GetString());
    }

    [Theory, DatabaseData]
    public async Task Trigger_BadFields_Is400NamingEachAndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var tool = server.CreateClient();
        tool.DefaultRequestHeaders.Add("X-Integration-Key", key);

        var problem = await tool.PostJson("/api/v1/alerts/events", new
        {
            action = "trigger", summary = "", source = new string('h', 256), severity = "disaster", links = new[] { new { href = "ftp://example.net/x" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "summary", "source", "severity", "links[0].href" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} is not named in {errors}");
        }
        Assert.Empty(await admin.AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Post_NoOrWrongKey_Is401AndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, _, _) = await admin.ServiceWithKeyAsync();
        var tool = server.CreateClient();
        var body = new { action = "trigger", summary = "s", source = "h", severity = "info" };

        await tool.PostJson("/api/v1/alerts/events", body).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        tool.DefaultRequestHeaders.Add("X-Integration-Key", new string('f', 32));
        await tool.PostJson("/api/v1/alerts/events", body).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Empty(await admin.AlertsOfServiceAsync(serviceId));
    }
}
