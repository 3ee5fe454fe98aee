using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Server;

public sealed class StartupTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Start_EmptyDatabase_LoadsDemoOrganisation(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var people = await server.AdminClient().GetAsync("/api/v1/people?q=incident manager").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(people.GetProperty("items").EnumerateArray(), p => p.GetProperty("title").GetString() == "Incident Manager 1");
        var services = await server.AdminClient().GetAsync("/api/v1/services?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var names = services.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        foreach (var expected in new[] { "E-mail", "Internet Access", "CICS", "Portal", "Active Directory", "Citrix", "DMV", "DCF Hotline" })
        {
            Assert.Contains(expected, names);
        }
    }

    [Theory, DatabaseData]
    public async Task HealthEndpoints_NoAuthentication_AnswerHealthy(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.CreateClient();
        using var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("No backup yet.", report.GetProperty("checks").GetProperty("backup").GetProperty("description").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesDirectoryEndpoints()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await server.CreateClient().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/people", "/api/v1/people/{id}", "/api/v1/roles", "/api/v1/teams", "/api/v1/service-areas", "/api/v1/services", "/api/v1/me/tokens" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }
}
