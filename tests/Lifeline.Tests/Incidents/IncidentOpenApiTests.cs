using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentOpenApiTests(SharedServers servers)
{
    [Fact]
    public async Task OpenApiDocument_DescribesIncidentAndSeverityEndpointsWithSummaries()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await server.CreateClient().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/severities", "/api/v1/severities/{level}", "/api/v1/severities/classify", "/api/v1/classification-rules", "/api/v1/organisations",
            "/api/v1/incidents", "/api/v1/incidents/{number}", "/api/v1/incidents/{number}/acknowledge", "/api/v1/incidents/{number}/status-updates",
            "/api/v1/incidents/{number}/resolve", "/api/v1/incidents/{number}/close", "/api/v1/incidents/{number}/reopen",
            "/api/v1/incidents/{number}/timeline", "/api/v1/incidents/{number}/manual-log", "/api/v1/incidents/{number}/severity",
            "/api/v1/incidents/{number}/incident-manager", "/api/v1/incidents/{number}/level2-teams", "/api/v1/surveys/{token}",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"OpenAPI lacks {path}");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name.ToUpperInvariant()} {path} has no summary");
            }
        }
    }
}
