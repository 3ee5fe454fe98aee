using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Escalation;

public sealed class AvailabilityApiTests
{
    [Theory, DatabaseData]
    public async Task Absence_CoversNow_PersonUnavailableUntilItEnds(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var people = await admin.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(HttpStatusCode.OK);
        var henry = people.GetProperty("items")[0].GetProperty("id").GetString();
        var backup = (await admin.GetAsync("/api/v1/people?q=Aisha Karim").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetString();

        await admin.PostJson($"/api/v1/people/{henry}/availability", new
        {
            from = time.GetUtcNow().AddHours(-1), to = time.GetUtcNow().AddHours(2), standInId = backup, reason = "dentist",
        }).ExpectAsync(HttpStatusCode.Created);

        var now = await admin.GetAsync($"/api/v1/people/{henry}/availability").ExpectAsync(HttpStatusCode.OK);
        Assert.False(now.GetProperty("availableNow").GetBoolean());
        Assert.Equal("Aisha Karim", now.GetProperty("currentAbsence").GetProperty("standInName").GetString());

        time.Advance(TimeSpan.FromHours(3));
        var later = await admin.GetAsync($"/api/v1/people/{henry}/availability").ExpectAsync(HttpStatusCode.OK);
        Assert.True(later.GetProperty("availableNow").GetBoolean());

        // A stand-in cannot be deleted while named.
        var problem = await admin.DeleteAsync($"/api/v1/people/{backup}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("stand-in", problem.GetProperty("detail").GetString());
    }

    [Theory, DatabaseData]
    public async Task Absence_EndBeforeStartOrSelfStandIn_Refused400(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var henry = (await admin.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetString();
        var problem = await admin.PostJson($"/api/v1/people/{henry}/availability", new
        {
            from = DateTimeOffset.UtcNow, to = DateTimeOffset.UtcNow.AddHours(-1), standInId = henry,
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("standInId", out _));
        var availability = await admin.GetAsync($"/api/v1/people/{henry}/availability").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(availability.GetProperty("absences").EnumerateArray());
    }
}
