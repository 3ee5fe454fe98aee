using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// A real Prometheus fires a rule, a real Alertmanager notifies Lifeline (its webhook, or pagerduty_configs pointed at
/// /v2/enqueue): the service's policy pages tier 1; the rule stops firing and the resolved notification resolves the alert.
/// </summary>
public sealed class AlertmanagerEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, DatabaseData]
    public async Task Webhook_FiringThenResolved_PagesTierOneThenResolvesTheAlert(DatabaseProvider provider)
    {
        MonitoringTools.RequireInstalled();
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        await using var stack = await MonitoringTools.StartAsync($"""
              webhook_configs:
              - url: {new Uri(server.BaseAddress, "/api/v1/alerts/alertmanager")}
                http_config:
                  authorization:
                    credentials: {key}
            """);

        await RunAsync(admin, serviceId, stack, "alertmanager");
    }

    [Theory, DatabaseData]
    public async Task PagerDutyConfig_FiringThenResolved_PagesTierOneThenResolvesTheAlert(DatabaseProvider provider)
    {
        MonitoringTools.RequireInstalled();
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        await using var stack = await MonitoringTools.StartAsync($"""
              pagerduty_configs:
              - routing_key: {key}
                url: {new Uri(server.BaseAddress, "/v2/enqueue")}
                severity: '{"{{"} .CommonLabels.severity {"}}"}'
            """);

        await RunAsync(admin, serviceId, stack, "events-v2");
    }

    private static async Task RunAsync(HttpClient admin, Guid serviceId, MonitoringTools stack, string origin)
    {
        var alert = await EventuallyAsync(admin, serviceId, stack, a => a.GetProperty("incidentNumber").GetString() is not null, "a firing alert");
        Assert.Equal(origin, alert.GetProperty("origin").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        var number = alert.GetProperty("incidentNumber").GetString()!;
        var incident = await admin.IncidentAsync(number);
        Assert.Equal(1, incident.GetProperty("severity").GetInt32());

        // Tier 1 of the service's (default) policy is paged by the engine.
        var deadline = DateTime.UtcNow + Patience;
        List<JsonElement> pages = [];
        while (DateTime.UtcNow < deadline && pages.Count == 0)
        {
            var notifications = await admin.GetAsync($"/api/v1/incidents/{number}/notifications").ExpectAsync(HttpStatusCode.OK);
            pages = [.. notifications.Items().Where(n => n.GetProperty("template").GetString() == "tier-page")];
            await Task.Delay(250);
        }
        Assert.True(pages.Count > 0, $"No tier-1 page for {number}.\n{stack.Logs()}");
        Assert.Contains(await admin.FullTimelineAsync(number), e => e.GetProperty("kind").GetString() == "AlertTriggered");

        await stack.StopFiringAsync();

        var resolved = await EventuallyAsync(admin, serviceId, stack, a => a.GetProperty("status").GetString() == "Resolved", "the resolved notification");
        Assert.Equal(alert.GetProperty("id").GetGuid(), resolved.GetProperty("id").GetGuid());
        Assert.Equal("Resolved", (await admin.IncidentAsync(number)).Status());
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient admin, Guid serviceId, MonitoringTools stack, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var alerts = await admin.AlertsOfServiceAsync(serviceId);
            if (alerts.FirstOrDefault(condition) is { ValueKind: JsonValueKind.Object } found)
            {
                Assert.Single(alerts);
                return found;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"Waited {Patience.TotalSeconds} s for {what} from Alertmanager.\n{stack.Logs()}");
        return default;
    }
}
