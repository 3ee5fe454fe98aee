using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

/// <summary>Low finding: an incident's timeline and notifications came in one answer (a 21 MB timeline).</summary>
public sealed class TimelinePagingTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Timeline_Paged_PagesCoverItInOrder(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();
        await admin.PostJson($"/api/v1/incidents/{number}/manual-log", new
        {
            entries = Enumerable.Range(1, 4).Select(i => new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-10 + i), author = "Pat", text = $"note {i}" }).ToArray(),
        }).ExpectAsync(HttpStatusCode.OK);

        var all = await admin.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK);
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total >= 5, all.ToString());
        Assert.Equal(200, all.GetProperty("pageSize").GetInt32());
        var first = await admin.GetAsync($"/api/v1/incidents/{number}/timeline?page=1&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        var second = await admin.GetAsync($"/api/v1/incidents/{number}/timeline?page=2&pageSize=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetGuid());
        Assert.Equal(all.GetProperty("items").EnumerateArray().Take(4).Select(e => e.GetProperty("id").GetGuid()), ids);

        await admin.GetAsync($"/api/v1/incidents/{number}/timeline?pageSize=201").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.GetAsync($"/api/v1/incidents/{number}/timeline?page=2147483647").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.GetAsync($"/api/v1/incidents/{number}/notifications?page=0").ExpectProblemAsync(HttpStatusCode.BadRequest);
        var notifications = await admin.GetAsync($"/api/v1/incidents/{number}/notifications?pageSize=1").ExpectAsync(HttpStatusCode.OK);
        Assert.True(notifications.GetProperty("items").GetArrayLength() <= 1);
        Assert.Equal(1, notifications.GetProperty("pageSize").GetInt32());
    }
}
