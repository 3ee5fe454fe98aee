using System.Net;
using Lifeline.Access;
using Lifeline.Incidents;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

public sealed class ManualLogTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task ImportManualLog_SameEntriesTwice_AddsThemOnceInTimeOrder(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var number = (await tech.OpenAsync()).Number();
        var now = DateTimeOffset.UtcNow;
        // Written on paper out of order: the later call first.
        object[] entries =
        [
            new { occurredAt = now.AddMinutes(-20), author = "jcole", text = "Called Incident Manager 1 on cell, no answer" },
            new { occurredAt = now.AddMinutes(-40), author = "jcole", text = "Customer reports filtering blocks everything", clientKey = "paper-1" },
        ];

        var first = await tech.PostJson($"/api/v1/incidents/{number}/manual-log", new { entries }).ExpectAsync(HttpStatusCode.OK);
        var second = await tech.PostJson($"/api/v1/incidents/{number}/manual-log", new { entries }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(2, second.GetProperty("alreadyPresent").GetInt32());
        var timeline = await tech.TimelineAsync(number);
        var notes = timeline.Where(e => e.GetProperty("fromManualLog").GetBoolean()).ToList();
        // The log names jcole as the author; the timeline also says which account entered it.
        Assert.Equal(["Customer reports filtering blocks everything", "Called Incident Manager 1 on cell, no answer"],
            notes.Select(n => n.GetProperty("text").GetString()![..n.GetProperty("text").GetString()!.IndexOf(" (entered by ", StringComparison.Ordinal)]));
        Assert.All(notes, n => Assert.True(n.GetProperty("occurredAt").GetDateTimeOffset() < n.GetProperty("recordedAt").GetDateTimeOffset()));
        Assert.Equal("jcole", notes[0].GetProperty("actor").GetString());
        var occurred = timeline.Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(occurred.Order(), occurred);
    }

    [Theory, DatabaseData]
    public async Task ImportManualLog_SameClientKeyDifferentText_IsNotDuplicated(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var number = (await tech.OpenAsync()).Number();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);

        await tech.PostJson($"/api/v1/incidents/{number}/manual-log", new { entries = new[] { new { occurredAt = at, text = "first wording", clientKey = "cli-7" } } }).ExpectAsync(HttpStatusCode.OK);
        var again = await tech.PostJson($"/api/v1/incidents/{number}/manual-log", new { entries = new[] { new { occurredAt = at, text = "corrected wording", clientKey = "cli-7" } } }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Single(await tech.TimelineAsync(number), e => e.GetProperty("kind").GetString() == TimelineKinds.Note);
    }

    [Theory, DatabaseData]
    public async Task ImportManualLog_FutureOrMissingTime_Returns400AndImportsNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var number = (await tech.OpenAsync()).Number();

        var problem = await tech.PostJson($"/api/v1/incidents/{number}/manual-log", new
        {
            entries = new object[]
            {
                new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5), text = "fine" },
                new { occurredAt = DateTimeOffset.UtcNow.AddHours(1), text = "from the future" },
                new { text = "no time" },
            },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("entries[1].occurredAt", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("entries[2].occurredAt", out _));
        Assert.Single(await tech.TimelineAsync(number));
    }

    [Theory, DatabaseData]
    public async Task Open_FromManualLogTwice_ReturnsTheSameIncident(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var openedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var body = new
        {
            title = "CICS down (IMPACT unavailable)", serviceId = await tech.ServiceIdAsync("CICS"), impactScope = "MajorityOrTotal", serviceState = "Down",
            openedAt, manualLogId = $"paper-{Guid.NewGuid():N}",
        };

        var first = await tech.PostJson("/api/v1/incidents", body).ExpectAsync(HttpStatusCode.Created);
        var second = await tech.PostJson("/api/v1/incidents", body).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first.Number(), second.Number());
        Assert.Equal(openedAt.ToUnixTimeSeconds(), first.GetProperty("openedAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.True(first.GetProperty("recordedAt").GetDateTimeOffset() > first.GetProperty("openedAt").GetDateTimeOffset());
        var opened = Assert.Single(await tech.TimelineAsync(first.Number()));
        Assert.True(opened.GetProperty("fromManualLog").GetBoolean());
        var search = await tech.GetAsync($"/api/v1/incidents?q={first.Number()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, search.GetProperty("total").GetInt32());
    }
}
