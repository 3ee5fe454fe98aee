using System.Net;
using System.Text.Json;
using Lifeline.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

/// <summary>Short ways to reach demo data and open incidents in API tests.</summary>
public static class IncidentClient
{
    public static async Task<Guid> ServiceIdAsync(this HttpClient client, string name)
    {
        var page = await client.GetAsync($"/api/v1/services?q={Uri.EscapeDataString(name)}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> OrganisationIdAsync(this HttpClient client, string name)
    {
        var page = await client.GetAsync($"/api/v1/organisations?q={Uri.EscapeDataString(name)}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> PersonIdAsync(this HttpClient client, string name)
    {
        var page = await client.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>Opens an incident on a demo service at the given severity and returns it.</summary>
    public static async Task<JsonElement> OpenAsync(this HttpClient client, string service = "Internet Filtering", int severity = 2, string? title = null)
    {
        var serviceId = await client.ServiceIdAsync(service);
        return await client.PostJson("/api/v1/incidents", new
        {
            title = title ?? $"Test incident {Guid.NewGuid():N}",
            serviceId,
            severity,
            reporterName = "Pat Doe",
            reporterContact = "pat.doe@example.org",
        }).ExpectAsync(HttpStatusCode.Created);
    }

    public static string Number(this JsonElement incident) => incident.GetProperty("number").GetString()!;

    public static string Status(this JsonElement incident) => incident.GetProperty("status").GetString()!;

    /// <summary>
    /// The incident lifecycle's own timeline entries. The escalation engine runs in the shared test
    /// server and adds its entries (paging, stakeholder notices) whenever it gets to them; those are
    /// the engine tests' business, so they are left out here to keep these tests deterministic.
    /// </summary>
    public static async Task<List<JsonElement>> TimelineAsync(this HttpClient client, string number) =>
        [.. (await client.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(e => LifecycleKinds.Contains(e.GetProperty("kind").GetString()!))];

    private static readonly HashSet<string> LifecycleKinds = [.. typeof(TimelineKinds).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
}
