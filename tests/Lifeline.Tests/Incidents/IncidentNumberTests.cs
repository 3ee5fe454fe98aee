using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentNumberTests
{
    [Theory, DatabaseData]
    public async Task Open_TwentyAtOnce_GetTwentyDistinctConsecutiveNumbers(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var serviceId = await tech.ServiceIdAsync("Citrix");

        var opened = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            tech.PostJson("/api/v1/incidents", new { title = $"Parallel {i}", serviceId, severity = 3 }).ExpectAsync(HttpStatusCode.Created)));

        var numbers = opened.Select(i => i.Number()).ToList();
        Assert.Equal(20, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"INC-2026-{n:D6}"), numbers.Order());
    }

    [Theory, DatabaseData]
    public async Task Open_NewYear_StartsCountingAgain(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();

        var last = await admin.OpenAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        var first = await admin.OpenAsync();

        Assert.Equal("INC-2026-000001", last.Number());
        Assert.Equal("INC-2027-000001", first.Number());
    }

    [Theory, DatabaseData]
    public async Task Routes_NumberAsPeopleTypeIt_FindTheSameIncidentEverywhere(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        Assert.Equal("INC-2026-000001", (await admin.OpenAsync()).Number());

        foreach (var typed in new[] { "inc-2026-000001", "INC-2026-1", "2026-1" })
        {
            Assert.Equal("INC-2026-000001", (await admin.GetAsync($"/api/v1/incidents/{typed}").ExpectAsync(HttpStatusCode.OK)).Number());
            await admin.GetAsync($"/api/v1/incidents/{typed}/escalation").ExpectAsync(HttpStatusCode.OK);
            await admin.GetAsync($"/api/v1/incidents/{typed}/timeline").ExpectAsync(HttpStatusCode.OK);
            await admin.GetAsync($"/api/v1/incidents/{typed}/notifications").ExpectAsync(HttpStatusCode.OK);
        }
        await admin.GetAsync("/api/v1/incidents/inc-2026-000002/escalation").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
