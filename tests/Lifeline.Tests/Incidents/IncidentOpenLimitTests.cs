using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

/// <summary>
/// Incidents opened through the API at once are bounded (Lifeline:Incidents:ConcurrentOpens), the rest wait in a queue,
/// and past the queue the caller gets 429 with Retry-After and problem details; what was refused is not stored.
/// </summary>
public sealed class IncidentOpenLimitTests
{
    [Theory, DatabaseData]
    public async Task Open_MoreAtOnceThanTheLimitAndItsQueue_SomeGet429AndEvery201IsStored(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Incidents:ConcurrentOpens"] = "1",
            ["Lifeline:Incidents:QueuedOpens"] = "0",
        });
        var admin = server.AdminClient();
        var serviceId = await admin.ServiceIdAsync("Internet Filtering");
        var title = $"Proxy down {Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => admin.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = $"{title} #{i}",
            serviceId,
            severity = 3,
            reporterName = "Pat Doe",
            reporterContact = "pat.doe@example.org",
        })));

        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.NotEmpty(throttled);
        Assert.Equal(20, created + throttled.Count);
        Assert.All(throttled, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        Assert.Equal("application/problem+json", throttled[0].Content.Headers.ContentType?.MediaType);
        var problem = await throttled[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await admin.GetAsync($"/api/v1/incidents?q={Uri.EscapeDataString(title)}&pageSize=100").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created, stored.GetProperty("total").GetInt32());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
