using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentSearchTests
{
    [Theory, DatabaseData]
    public async Task List_Filters_ByStatusSeverityServiceTimeAndText(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var early = await admin.OpenAsync("E-mail", 1, "Mail relay rejects everything");
        time.Advance(TimeSpan.FromHours(5));
        var late = await admin.OpenAsync("DMV", 2, "DMV kiosk printer jam");
        await admin.PostJson($"/api/v1/incidents/{late.Number()}/resolve", new { summary = "cleared" }).ExpectAsync(HttpStatusCode.OK);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        async Task<List<string>> Numbers(string query) =>
            [.. (await viewer.GetAsync($"/api/v1/incidents?{query}").ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.Number())];

        Assert.Equal([early.Number()], await Numbers("status=Escalating"));
        Assert.Equal([late.Number()], await Numbers("severity=2"));
        Assert.Equal([late.Number()], await Numbers($"serviceId={await admin.ServiceIdAsync("DMV")}"));
        Assert.Equal([early.Number()], await Numbers("openedFrom=2026-04-01T07:00:00Z&openedTo=2026-04-01T09:00:00Z"));
        Assert.Equal([early.Number()], await Numbers("q=relay"));
        Assert.Equal([late.Number(), early.Number()], await Numbers("pageSize=10"));
        var page = await viewer.GetAsync("/api/v1/incidents?pageSize=1&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(early.Number(), page.GetProperty("items")[0].Number());
    }

    [Theory, DatabaseData]
    public async Task List_BadPaging_Returns400(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);

        var problem = await server.AdminClient().GetAsync("/api/v1/incidents?pageSize=500").ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }
}
