using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Alerts;

/// <summary>A service of the test's own (so grouping in the shared server is not disturbed by other tests) and its integration key.</summary>
public static class AlertClient
{
    public static async Task<(Guid ServiceId, string Key, Guid KeyId)> ServiceWithKeyAsync(this HttpClient admin, bool major = false)
    {
        var area = (await admin.GetAsync($"/api/v1/services/{await admin.ServiceIdAsync("E-mail")}").ExpectAsync(HttpStatusCode.OK)).GetProperty("serviceAreaId").GetGuid();
        var service = await admin.PostJson("/api/v1/services", new { name = TestData.Unique("Monitored"), serviceAreaId = area, isMajorEnterpriseService = major })
            .ExpectAsync(HttpStatusCode.Created);
        var issued = await admin.PostJson($"/api/v1/services/{service.Id()}/integration-keys", new { name = "Prometheus" }).ExpectAsync(HttpStatusCode.Created);
        return (service.Id(), issued.GetProperty("key").GetString()!, issued.GetProperty("integration").Id());
    }

    public static object Trigger(string key, string? dedupKey, string summary = "Disk full on db-01.example.net", string severity = "critical") => new
    {
        routing_key = key,
        event_action = "trigger",
        dedup_key = dedupKey,
        payload = new
        {
            summary,
            source = "db-01.example.net",
            severity,
            timestamp = "2026-11-28T08:42:58.315+0000",
            component = "postgres",
            group = "prod-db",
            @class = "disk",
            custom_details = new { free = "0 bytes", mount = "/var/lib/postgresql" },
        },
        links = new[] { new { href = "https://monitoring.example.net/d/disk", text = "Dashboard" } },
        images = new[] { new { src = "https://monitoring.example.net/disk.png", href = "https://monitoring.example.net/d/disk", alt = "Disk graph" } },
    };

    public static object Action(string key, string action, string dedupKey) => new { routing_key = key, event_action = action, dedup_key = dedupKey };

    /// <summary>Posts to /v2/enqueue exactly as a PagerDuty client would (snake_case, no bearer token).</summary>
    public static Task<HttpResponseMessage> EnqueueAsync(this HttpClient client, object body) => client.PostAsJsonAsync("/v2/enqueue", body);

    public static async Task<JsonElement> ExpectPagerDutyAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<IReadOnlyList<JsonElement>> AlertsOfServiceAsync(this HttpClient admin, Guid serviceId) =>
        (await admin.GetAsync($"/api/v1/alerts?serviceId={serviceId}&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items();

    public static async Task<JsonElement> IncidentAsync(this HttpClient admin, string number) =>
        await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);

    public static async Task<IReadOnlyList<JsonElement>> FullTimelineAsync(this HttpClient admin, string number) =>
        (await admin.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK)).Items();
}
