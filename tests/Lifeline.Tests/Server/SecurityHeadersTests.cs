using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Server;

public sealed class SecurityHeadersTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task ApiAnswer_CarriesNoSniffNoStoreNoFraming(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        using var response = await server.AdminClient().GetAsync("/api/v1/people");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory, DatabaseData]
    public async Task Close_ForgedHostHeader_SurveyLinkUsesThePublicUrl(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();
        await admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Fixed" }).ExpectAsync(HttpStatusCode.OK);
        using var close = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{number}/close") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        close.Headers.Host = "phishing.example.net";

        var closed = await admin.SendAsync(close).ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("http://localhost:5080/survey/", closed.GetProperty("surveyLink").GetString(), StringComparison.Ordinal);
    }
}
