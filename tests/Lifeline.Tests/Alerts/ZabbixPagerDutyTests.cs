using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// Zabbix's PagerDuty media type (a webhook script) with its URL changed to Lifeline's /v2/enqueue, replaying the requests
/// the script sends (a Zabbix server cannot be installed here). The bodies are built as the script in zabbix/zabbix
/// templates/media/pagerduty/media_pagerduty.yaml builds them (commit 110bf8796a5f2b5d41c289a88cc35bc4b9c47147; the same
/// script as 66ec8c6a93dbcaf5a76db588f3a6cb9d174920a7): dedup_key is {EVENT.ID}; a problem (and every repeat of it by an
/// escalation step) is a trigger with the host, a link to the event and the trigger's details; an update that acknowledges
/// is an acknowledge and a recovery a resolve, both without a payload. Every parameter is a string. The script takes a
/// 202 with status "success" as delivered and otherwise shows errors[0] as the failure.
/// </summary>
public sealed class ZabbixPagerDutyTests(SharedServers servers)
{
    private const string ZabbixUrl = "https://zabbix.example.net";

    // JSON.stringify escapes neither & nor non-ASCII text.
    private static readonly JsonSerializerOptions Script = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory, DatabaseData]
    public async Task Zabbix_ProblemRepeatAcknowledgeRecovery_OneAlertOnOneIncidentWhichResolves(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        var zabbix = server.CreateClient();

        // Problem, severity Disaster ({EVENT.NSEVERITY} 5).
        await ExpectDeliveredAsync(zabbix, Problem(key, "4711", "5"), "4711");
        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("4711", alert.GetProperty("dedupKey").GetString());
        Assert.Equal("Problem: High CPU utilization on web-01", alert.GetProperty("summary").GetString());
        Assert.Equal("web-01 : 192.0.2.10", alert.GetProperty("source").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        var details = JsonDocument.Parse(alert.GetProperty("details").GetString()!).RootElement;
        Assert.Equal("97.2 %", details.GetProperty("Trigger opdata").GetString());
        Assert.Equal("class:os, component:cpu", details.GetProperty("Event tags").GetString());
        var links = alert.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal([$"{ZabbixUrl}/tr_events.php?triggerid=23456&eventid=4711", ZabbixUrl], links.Select(l => l.GetProperty("href").GetString()));
        Assert.Equal(["Event link", "View in Zabbix"], links.Select(l => l.GetProperty("text").GetString()));
        var number = alert.GetProperty("incidentNumber").GetString()!;
        var incident = await admin.IncidentAsync(number);
        Assert.Equal(1, incident.GetProperty("severity").GetInt32());
        Assert.Equal("Escalating", incident.Status());

        // An action's next escalation step sends the same problem again.
        await ExpectDeliveredAsync(zabbix, Problem(key, "4711", "5"), "4711");
        alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
        Assert.Equal(number, alert.GetProperty("incidentNumber").GetString());

        // Someone acknowledges the problem in Zabbix: the update operation sends an acknowledge.
        await ExpectDeliveredAsync(zabbix, Action(key, "4711", "acknowledge"), "4711");
        alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Acknowledged", alert.GetProperty("status").GetString());
        Assert.Equal("Acknowledged", (await admin.IncidentAsync(number)).Status());

        // Recovery.
        await ExpectDeliveredAsync(zabbix, Action(key, "4711", "resolve"), "4711");
        alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Resolved", alert.GetProperty("status").GetString());
        Assert.Equal("Resolved", (await admin.IncidentAsync(number)).Status());
    }

    [Theory, DatabaseData]
    public async Task Zabbix_EachTriggerSeverity_MappedByTheScriptAndReadAsLifelineReadsIt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        // The script's severityMapping, indexed by {EVENT.NSEVERITY}: Not classified, Information, Warning, Average, High, Disaster.
        string[] mapped = ["info", "info", "warning", "warning", "error", "critical"];
        for (var nseverity = 0; nseverity < mapped.Length; nseverity++)
        {
            var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
            var eventId = (5000 + nseverity).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ExpectDeliveredAsync(server.CreateClient(), Problem(key, eventId, nseverity.ToString(System.Globalization.CultureInfo.InvariantCulture)), eventId);

            var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
            Assert.Equal(mapped[nseverity], alert.GetProperty("severity").GetString());
            var incident = await admin.IncidentAsync(alert.GetProperty("incidentNumber").GetString()!);
            Assert.Contains($"alert severity {mapped[nseverity]} read as", incident.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, DatabaseData]
    public async Task Zabbix_DiscoveryEvent_TriggersWithTheAlertMessageAsDetails(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();

        await ExpectDeliveredAsync(server.CreateClient(), Discovery(key, "8802", ZabbixUrl), "8802");

        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Discovery", alert.GetProperty("source").GetString());
        Assert.Contains("Device IP: 192.0.2.20", JsonDocument.Parse(alert.GetProperty("details").GetString()!).RootElement.GetProperty("Alert message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ZabbixUrl, Assert.Single(alert.GetProperty("links").EnumerateArray()).GetProperty("href").GetString());
    }

    [Theory, DatabaseData]
    public async Task Zabbix_DiscoveryEventZabbixUrlMacroNotSet_AcceptedWithoutTheClientLink(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();

        // client_url is then the macro's name itself: not a web address, so no link, but the page is not refused for it.
        await ExpectDeliveredAsync(server.CreateClient(), Discovery(key, "8803", "{$ZABBIX.URL}"), "8803");

        Assert.Empty(Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("links").EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task Zabbix_ZabbixUrlMacroNotSet_RefusedWithAFirstErrorZabbixShows(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();

        // Without the global macro {$ZABBIX.URL}, Zabbix sends it literally: the event link is not a web address.
        using var response = await PostAsync(server.CreateClient(), Problem(key, "4712", "4", zabbixUrl: "{$ZABBIX.URL}"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("links[0].href", answer.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.AdminClient().AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Zabbix_UnknownToken_RefusedWithAFirstErrorZabbixShows(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        using var response = await PostAsync(server.CreateClient(), Problem(new string('0', 32), "4713", "4"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("routing_key", answer.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>What the script checks of the answer: status 202, then status "success".</summary>
    private static async Task ExpectDeliveredAsync(HttpClient zabbix, string body, string dedupKey)
    {
        using var response = await PostAsync(zabbix, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("success", answer.GetProperty("status").GetString());
        Assert.Equal(dedupKey, answer.GetProperty("dedup_key").GetString());
    }

    /// <summary>A trigger-based problem ({EVENT.SOURCE} 0, {EVENT.VALUE} 1, {EVENT.UPDATE.STATUS} 0), as the script builds it.</summary>
    private static string Problem(string token, string eventId, string nseverity, string zabbixUrl = ZabbixUrl)
    {
        string[] severityMapping = ["info", "info", "warning", "warning", "error", "critical"];
        const string TriggerId = "23456";
        return Serialize(new Dictionary<string, object>
        {
            ["routing_key"] = token,
            ["dedup_key"] = eventId,
            ["event_action"] = "trigger",
            ["payload"] = new Dictionary<string, object>
            {
                // {ALERT.SUBJECT}: the media type's problem template is "Problem: {EVENT.NAME}".
                ["summary"] = "Problem: High CPU utilization on web-01",
                ["source"] = "web-01" + " : " + "192.0.2.10",
                ["severity"] = severityMapping[int.Parse(nseverity, System.Globalization.CultureInfo.InvariantCulture)],
                ["custom_details"] = new Dictionary<string, string>
                {
                    ["Event date"] = "2026.11.28",
                    ["Event time"] = "08:42:58",
                    ["Trigger description"] = "CPU utilization is too high. The system might be slow to respond.",
                    ["Trigger opdata"] = "97.2 %",
                    ["Event tags"] = "class:os, component:cpu",
                    ["Event host"] = "web-01",
                    ["Event host ip"] = "192.0.2.10",
                },
            },
            ["links"] = new[] { new { href = zabbixUrl + "/tr_events.php?triggerid=" + TriggerId + "&eventid=" + eventId, text = "Event link" } },
            ["client"] = "Zabbix",
            ["client_url"] = zabbixUrl,
        });
    }

    /// <summary>A discovery event ({EVENT.SOURCE} 1): always a trigger, source "Discovery", the alert message as details, no event link.</summary>
    private static string Discovery(string token, string eventId, string zabbixUrl) => Serialize(new Dictionary<string, object>
    {
        ["routing_key"] = token,
        ["dedup_key"] = eventId,
        ["event_action"] = "trigger",
        ["payload"] = new Dictionary<string, object>
        {
            // {ALERT.SUBJECT}: the discovery template is "Discovery: {DISCOVERY.DEVICE.STATUS} {DISCOVERY.DEVICE.IPADDRESS}".
            ["summary"] = "Discovery: Up 192.0.2.20",
            ["source"] = "Discovery",
            // {EVENT.NSEVERITY} of a discovery event is not a trigger's: the script maps it, or anything unknown, to info.
            ["severity"] = "info",
            ["custom_details"] = new Dictionary<string, string> { ["Alert message"] = "Discovery rule: Local network\n\nDevice IP: 192.0.2.20\nDevice status: Up" },
        },
        ["client"] = "Zabbix",
        ["client_url"] = zabbixUrl,
    });

    /// <summary>An acknowledge (an update that acknowledged) or a resolve (a recovery): key, action and dedup key only.</summary>
    private static string Action(string token, string eventId, string action) =>
        Serialize(new Dictionary<string, object> { ["routing_key"] = token, ["dedup_key"] = eventId, ["event_action"] = action });

    private static string Serialize(Dictionary<string, object> fields) => JsonSerializer.Serialize(fields, Script);

    private static Task<HttpResponseMessage> PostAsync(HttpClient zabbix, string body) =>
        zabbix.PostAsync("/v2/enqueue", new StringContent(body, Encoding.UTF8, "application/json"));
}
