using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Incidents;

public sealed class SurveyTests(SharedServers servers)
{
    private static async Task<(string Number, string Link)> ClosedIncidentAsync(HttpClient admin)
    {
        var number = (await admin.OpenAsync()).Number();
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Filter rules restored" }).ExpectAsync(HttpStatusCode.OK);
        var closed = await admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        return (number, closed.GetProperty("surveyLink").GetString()!);
    }

    /// <summary>The JSON API's address for the token of a survey link (the link itself is the customer's HTML page).</summary>
    private static string ApiPath(string link) => $"/api/v1/surveys/{link.Split('/').Last()}";

    [Theory, DatabaseData]
    public async Task Survey_AnsweredOnce_IsStoredOnIncidentAndReuseIsRefused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (number, link) = await ClosedIncidentAsync(server.AdminClient());
        var customer = server.CreateClient();
        var path = ApiPath(link);

        var survey = await customer.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(number, survey.GetProperty("incidentNumber").GetString());
        await customer.PostJson(path, new { rating = 4, comment = "Quick and clear" }).ExpectAsync(HttpStatusCode.OK);
        await customer.PostJson(path, new { rating = 1, comment = "changed my mind" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await customer.GetAsync(path).ExpectProblemAsync(HttpStatusCode.Conflict);

        var incident = await server.AdminClient().GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, incident.GetProperty("survey").GetProperty("rating").GetInt32());
        Assert.Equal("Quick and clear", incident.GetProperty("survey").GetProperty("comment").GetString());
        var timeline = await server.AdminClient().TimelineAsync(number);
        var token = path.Split('/').Last();
        Assert.DoesNotContain(timeline, e => e.GetProperty("text").GetString()!.Contains(token, StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Survey_RatingOutOfRange_Returns400AndStaysOpen(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (_, link) = await ClosedIncidentAsync(server.AdminClient());
        var path = ApiPath(link);

        var problem = await server.CreateClient().PostJson(path, new { rating = 6 }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("rating", out _));
        await server.CreateClient().PostJson(path, new { rating = 5 }).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task Survey_UnknownToken_Returns404(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        await server.CreateClient().GetAsync("/api/v1/surveys/not-a-real-token").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task Survey_After14Days_Returns410(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var (_, link) = await ClosedIncidentAsync(server.AdminClient());
        var path = ApiPath(link);
        time.Advance(TimeSpan.FromDays(13));
        await server.CreateClient().GetAsync(path).ExpectAsync(HttpStatusCode.OK);

        time.Advance(TimeSpan.FromDays(1));

        await server.CreateClient().PostJson(path, new { rating = 5 }).ExpectProblemAsync(HttpStatusCode.Gone);
    }
}
