using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// Grafana alerting's PagerDuty contact point pointed at /v2/enqueue, replaying the requests its notifier sends
/// (Grafana itself cannot be installed here). The bodies are built as grafana/alerting builds them:
/// receivers/pagerduty/v1/pagerduty.go (buildPagerdutyMessage, the pagerDutyMessage struct) and config.go (the defaults),
/// commit 783ce041445f48a1c5d7ec785becb54d57ae7918. Grafana posts with Content-Type application/json and reads nothing of
/// the answer but its status: any 2xx is delivered, anything else is retried and shown as the contact point's error
/// (http/client.go, SendWebhook).
/// </summary>
public sealed class GrafanaPagerDutyTests(SharedServers servers)
{
    private const string ExternalUrl = "https://grafana.example.net/";

    [Theory, DatabaseData]
    public async Task Grafana_FiringRepeatThenResolved_OneAlertOnOneIncidentWhichResolves(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        var grafana = server.CreateClient();
        var dedupKey = GroupKeyHash("{}/{__grafana_receiver__=\"Lifeline\"}:{alertname=\"HighCPU\", grafana_folder=\"Servers\"}");

        // Firing: the default contact point settings (severity critical, class and group "default", component "Grafana").
        using (var firing = await PostAsync(grafana, Message(key, dedupKey, "trigger", "critical", firing: 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, firing.StatusCode);
        }
        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal(dedupKey, alert.GetProperty("dedupKey").GetString());
        Assert.Equal("events-v2", alert.GetProperty("origin").GetString());
        Assert.Equal("[FIRING:1] HighCPU Servers (web-01 critical)", alert.GetProperty("summary").GetString());
        Assert.Equal("grafana-01", alert.GetProperty("source").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        var labels = alert.GetProperty("labels");
        Assert.Equal("Grafana", labels.GetProperty("component").GetString());
        Assert.Equal("default", labels.GetProperty("group").GetString());
        Assert.Equal("default", labels.GetProperty("class").GetString());
        var details = JsonDocument.Parse(alert.GetProperty("details").GetString()!).RootElement;
        Assert.Equal("1", details.GetProperty("num_firing").GetString());
        Assert.Contains("Dashboard: https://grafana.example.net/d/cpu01?orgId=1", details.GetProperty("firing").GetString(), StringComparison.Ordinal);
        // links[0] is Grafana's external URL, and so is client_url by default: one link, not two.
        var link = Assert.Single(alert.GetProperty("links").EnumerateArray());
        Assert.Equal(ExternalUrl, link.GetProperty("href").GetString());
        Assert.Equal("External URL", link.GetProperty("text").GetString());
        Assert.Equal("https://grafana.example.net/render/d-solo/cpu01.png", Assert.Single(alert.GetProperty("images").EnumerateArray()).GetProperty("src").GetString());
        var number = alert.GetProperty("incidentNumber").GetString()!;
        var incident = await admin.IncidentAsync(number);
        Assert.Equal(1, incident.GetProperty("severity").GetInt32());
        Assert.Equal("Escalating", incident.Status());

        // Grafana sends the group again at its repeat interval, with the same group key.
        using (var repeat = await PostAsync(grafana, Message(key, dedupKey, "trigger", "critical", firing: 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        }
        alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal(2, alert.GetProperty("count").GetInt32());
        Assert.Equal(number, alert.GetProperty("incidentNumber").GetString());

        // Resolved: the same key, event_action resolve, and the whole payload again.
        using (var resolved = await PostAsync(grafana, Message(key, dedupKey, "resolve", "critical", firing: 0)))
        {
            Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        }
        alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Resolved", alert.GetProperty("status").GetString());
        Assert.Equal("Resolved", (await admin.IncidentAsync(number)).Status());
    }

    [Theory, DatabaseData]
    public async Task Grafana_TemplatedSeverity_EachOfItsFourIsReadAsLifelineReadsIt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        // Grafana lower-cases the templated severity and sends critical for anything not one of these four.
        foreach (var (severity, reading) in new[]
        {
            ("critical", "MajorityOrTotal, Down"), ("error", "SmallGroup, Down"), ("warning", "SmallGroup, Degraded"), ("info", "SingleUser, Degraded"),
        })
        {
            var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
            using (var firing = await PostAsync(server.CreateClient(), Message(key, GroupKeyHash(severity), "trigger", severity, firing: 1)))
            {
                Assert.Equal(HttpStatusCode.Accepted, firing.StatusCode);
            }
            var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
            Assert.Equal(severity, alert.GetProperty("severity").GetString());
            var incident = await admin.IncidentAsync(alert.GetProperty("incidentNumber").GetString()!);
            Assert.Contains($"alert severity {severity} read as {reading}", incident.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, DatabaseData]
    public async Task Grafana_ClientUrlOtherThanItsExternalUrl_KeptAsALink(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();

        var body = Message(key, GroupKeyHash("client-url"), "trigger", "warning", firing: 1, clientUrl: "https://grafana.example.net/alerting/list");
        using (var firing = await PostAsync(server.CreateClient(), body))
        {
            Assert.Equal(HttpStatusCode.Accepted, firing.StatusCode);
        }

        var links = Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("links").EnumerateArray().ToList();
        Assert.Equal([ExternalUrl, "https://grafana.example.net/alerting/list"], links.Select(l => l.GetProperty("href").GetString()));
        Assert.Equal("View in Grafana", links[1].GetProperty("text").GetString());
    }

    [Theory, DatabaseData]
    public async Task Grafana_LongSummaryWithEmojiCutTo1024Runes_Accepted(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        // A summary template listing every alert of a big group, each with an emoji, cut as receivers.TruncateInRunes cuts
        // it: 1,023 runes and "…". That is 1,024 characters for PagerDuty but more than 1,024 UTF-16 units.
        var runes = string.Concat(Enumerable.Repeat("🔥 web-01 CPU 97% ", 100)).EnumerateRunes().Take(1023).ToList();
        var summary = string.Concat(runes.Select(r => r.ToString())) + "…";
        Assert.True(summary.Length > 1024);

        using (var firing = await PostAsync(server.CreateClient(), Message(key, GroupKeyHash("emoji"), "trigger", "warning", firing: 1, summary: summary)))
        {
            Assert.Equal(HttpStatusCode.Accepted, firing.StatusCode);
        }

        Assert.Equal(summary, Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("summary").GetString());
    }

    /// <summary>
    /// Alertmanager's GroupKey.Hash(), which Grafana sends as dedup_key: the SHA-256 of the group key, in hex (64 characters).
    /// </summary>
    private static string GroupKeyHash(string groupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));

    /// <summary>
    /// The JSON Grafana encodes from its pagerDutyMessage: fields in the struct's order, empty ones left out (omitempty),
    /// custom_details a map of strings in key order (the four default details), links always [external URL], images only
    /// when a screenshot was taken.
    /// </summary>
    private static string Message(string key, string dedupKey, string action, string severity, int firing, string clientUrl = ExternalUrl, string? summary = null)
    {
        const string Alert = "\nValue: B=97.2\nLabels:\n - alertname = HighCPU\n - grafana_folder = Servers\n - instance = web-01\n"
            + "Annotations:\n - summary = CPU above 95% on web-01\nSource: https://grafana.example.net/alerting/grafana/cpu01/view?orgId=1\n"
            + "Silence: https://grafana.example.net/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DHighCPU&matcher=instance%3Dweb-01\n"
            + "Dashboard: https://grafana.example.net/d/cpu01?orgId=1\nPanel: https://grafana.example.net/d/cpu01?orgId=1&viewPanel=2\n";
        var message = new Dictionary<string, object>
        {
            ["routing_key"] = key,
            ["dedup_key"] = dedupKey,
            ["event_action"] = action,
            ["payload"] = new Dictionary<string, object>
            {
                ["summary"] = summary ?? (firing > 0 ? $"[FIRING:{firing}] HighCPU Servers (web-01 {severity})" : $"[RESOLVED] HighCPU Servers (web-01 {severity})"),
                // The source defaults to the Grafana server's host name.
                ["source"] = "grafana-01",
                ["severity"] = severity,
                ["class"] = "default",
                ["component"] = "Grafana",
                ["group"] = "default",
                ["custom_details"] = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["firing"] = firing > 0 ? Alert : "",
                    ["num_firing"] = firing.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["num_resolved"] = firing > 0 ? "0" : "1",
                    ["resolved"] = firing > 0 ? "" : Alert,
                },
            },
            ["client"] = "Grafana",
            ["client_url"] = clientUrl,
            ["links"] = new[] { new { href = ExternalUrl, text = "External URL" } },
        };
        if (firing > 0)
        {
            message["images"] = new[] { new { src = "https://grafana.example.net/render/d-solo/cpu01.png" } };
        }
        // Go's json.Encoder ends the body with a line feed.
        return JsonSerializer.Serialize(message) + "\n";
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient grafana, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/enqueue") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.ParseAdd("Grafana/12.1.0");
        return grafana.SendAsync(request);
    }
}
