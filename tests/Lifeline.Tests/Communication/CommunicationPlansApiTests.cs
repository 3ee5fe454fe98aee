using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Communication;

public sealed class CommunicationPlansApiTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task DemoPlan_DirectorsByEmailOnDayShiftAndDirectorOfOperationsByPhoneOffShift(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var page = await server.AdminClient().GetAsync("/api/v1/communication-plans?q=Severity 1").ExpectAsync(HttpStatusCode.OK);
        var plan = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal([1], plan.GetProperty("severities").EnumerateArray().Select(s => s.GetInt32()));
        var rules = plan.GetProperty("rules").EnumerateArray().ToList();

        var day = rules.Single(r => r.GetProperty("event").GetString() == "EscalationStarted" && r.GetProperty("shift").GetString() == "Day");
        Assert.Equal("Email", day.GetProperty("channel").GetString());
        Assert.Equal("Voice", day.GetProperty("fallback").GetString());
        Assert.Equal(["Director of Operations", "Chief Information Officer", "Deputy Chief Information Officer"],
            day.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        var off = rules.Single(r => r.GetProperty("event").GetString() == "EscalationStarted" && r.GetProperty("shift").GetString() == "Off");
        Assert.Equal("Voice", off.GetProperty("channel").GetString());
        Assert.Equal("Director of Operations", off.GetProperty("recipients")[0].GetProperty("name").GetString());
        Assert.Contains("call the CIO and DCIO", off.GetProperty("instruction").GetString());
    }

    [Theory, DatabaseData]
    public async Task Create_FallbackSameAsChannelOrNoSeverities_Refused400(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var problem = await server.AdminClient().PostJson("/api/v1/communication-plans", new
        {
            name = $"Bad plan {Guid.NewGuid():N}",
            severities = Array.Empty<int>(),
            rules = new[] { new { @event = "Resolved", recipients = new object[] { new { kind = "IncidentManager" } }, channel = "Email", fallback = "Email" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("severities", out _));
        Assert.True(errors.TryGetProperty("rules[0].fallback", out _));
    }

    [Theory, DatabaseData]
    public async Task CreateUpdateDelete_ValidPlan_RoundTrips(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Plan {Guid.NewGuid():N}";
        var body = new
        {
            name,
            severities = new[] { 2 },
            rules = new[] { new { @event = "StatusUpdate", shift = (string?)null, recipients = new object[] { new { kind = "IncidentManager" } }, channel = "Chat", fallback = (string?)"Email" } },
        };
        var created = await admin.PostJson("/api/v1/communication-plans", body).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("the incident manager of the incident", created.GetProperty("rules")[0].GetProperty("recipients")[0].GetProperty("name").GetString());

        var updated = await admin.PutJson($"/api/v1/communication-plans/{id}", body with { severities = new[] { 2, 3 } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([2, 3], updated.GetProperty("severities").EnumerateArray().Select(s => s.GetInt32()));

        await admin.DeleteAsync($"/api/v1/communication-plans/{id}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/communication-plans/{id}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
