using System.Net;
using System.Net.Http.Headers;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>The Alertmanager receiver's own answers, without the real tools (those are in <see cref="AlertmanagerEndToEndTests"/>).</summary>
public sealed class AlertmanagerWebhookTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Post_BadAlert_Is400NamingTheFieldAndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var alertmanager = server.CreateClient();
        alertmanager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var problem = await alertmanager.PostJson("/api/v1/alerts/alertmanager", new
        {
            version = "4", groupKey = "{}:{alertname=\"X\"}", status = "firing",
            alerts = new object[]
            {
                new { status = "firing", labels = new { alertname = "Good" }, fingerprint = "aaaa" },
                new { status = "pending", labels = new { alertname = "Bad" }, fingerprint = "bbbb" },
                new { status = "firing", labels = new { alertname = "NoFingerprint" } },
            },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("alerts[1].status", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("alerts[2].fingerprint", out _), errors.ToString());
        Assert.Empty(await admin.AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Post_WrongKey_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var alertmanager = server.CreateClient();
        alertmanager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('e', 32));

        await alertmanager.PostJson("/api/v1/alerts/alertmanager", new { version = "4", status = "firing", alerts = Array.Empty<object>() })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task Post_FiringAlertWithLabelsAndAnnotations_KeyedByFingerprintWithSummarySourceAndSeverity(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var alertmanager = server.CreateClient();
        alertmanager.DefaultRequestHeaders.Add("X-Integration-Key", key);

        await alertmanager.PostJson("/api/v1/alerts/alertmanager", new
        {
            version = "4", status = "firing", externalURL = "http://alertmanager.example.net:9093",
            alerts = new[]
            {
                new
                {
                    status = "firing", fingerprint = "3f1c0a", startsAt = "2026-11-28T08:00:00Z", generatorURL = "http://prometheus.example.net/graph",
                    labels = new { alertname = "HighLatency", instance = "api-02.example.net:9100", severity = "warning" },
                    annotations = new { summary = "p99 latency above 2 s" },
                },
            },
        }).ExpectAsync(HttpStatusCode.OK);

        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("3f1c0a", alert.GetProperty("dedupKey").GetString());
        Assert.Equal("p99 latency above 2 s", alert.GetProperty("summary").GetString());
        Assert.Equal("api-02.example.net:9100", alert.GetProperty("source").GetString());
        Assert.Equal("warning", alert.GetProperty("severity").GetString());
        Assert.Equal("HighLatency", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), alert.GetProperty("detectedAt").GetDateTimeOffset());
        Assert.Equal("http://prometheus.example.net/graph", alert.GetProperty("links")[0].GetProperty("href").GetString());
    }
}
