using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Access;

public sealed class RoleAuthorizationTests(SharedServers servers)
{
    private static readonly string[] NonAdminRoles =
        [LifelineRoles.Viewer, LifelineRoles.Level1Technician, LifelineRoles.IncidentManager, LifelineRoles.Responder, LifelineRoles.Stakeholder];

    private static readonly string[] AdminOnlyResources =
    [
        "/api/v1/people", "/api/v1/roles", "/api/v1/teams", "/api/v1/service-areas", "/api/v1/services", "/api/v1/organisations",
        "/api/v1/accounts", "/api/v1/severities/{level}", "/api/v1/classification-rules", "/api/v1/escalation-policies",
        "/api/v1/communication-plans", "/api/v1/shift-calendar",
    ];

    [Theory, DatabaseData]
    public async Task WriteEndpoint_NonAdmin_Is403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var document = await server.CreateClient().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var writes = new List<(string Method, string Path)>();
        // The body's media type as each operation declares it: routing answers 415 to another type before authorization runs
        // (the CSV and YAML imports), and a 415 would hide a missing role check as well as a 404 would.
        var mediaTypes = new Dictionary<string, string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            // Administration only: the directory, accounts and settings. Incident work has its own roles
            // (tested with the incidents), and signing in and one's own tokens are for every account.
            // A contact method's test message may also be sent by Level 1 and incident managers, and a dry run of a policy or a
            // plan is a read (it stores and sends nothing: EscalationDryRunTests), open to everyone signed in.
            if (!AdminOnlyResources.Any(prefix => path.Name.StartsWith(prefix, StringComparison.Ordinal)) || path.Name.EndsWith("/test", StringComparison.Ordinal)
                || path.Name.EndsWith("/dry-run", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "delete" or "patch"))
            {
                writes.Add((operation.Name.ToUpperInvariant(), path.Name));
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
                    && content.EnumerateObject().Select(c => c.Name).FirstOrDefault() is { } declared && declared != "application/json")
                {
                    mediaTypes[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = declared;
                }
            }
        }
        foreach (var expected in new[] { "POST /api/v1/people", "DELETE /api/v1/people/{id}", "POST /api/v1/people/{id}/contact-methods", "PUT /api/v1/roles/{id}",
                     "POST /api/v1/teams", "DELETE /api/v1/service-areas/{id}", "PUT /api/v1/services/{id}", "POST /api/v1/accounts", "POST /api/v1/accounts/{id}/unlock" })
        {
            Assert.Contains(expected, writes.Select(w => $"{w.Method} {w.Path}"));
        }

        // A real person's id, so that a missing check cannot hide behind a 404.
        var person = (await server.AdminClient().GetAsync("/api/v1/people?q=incident manager").ExpectAsync(HttpStatusCode.OK)).Items()[0].Id();
        foreach (var role in NonAdminRoles)
        {
            var client = await server.ClientAsAsync(role);
            foreach (var (method, path) in writes)
            {
                var url = Regex.Replace(path, "{[^}]+}", m => m.Value switch { "{id}" => person.ToString(), "{level}" => "1", _ => Guid.NewGuid().ToString() });
                using var request = new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = method == "DELETE" ? null : mediaTypes.TryGetValue($"{method} {path}", out var mediaType)
                        ? new StringContent("name\nShould not be stored\n", Encoding.UTF8, mediaType)
                        : new StringContent("""{"name":"Should not be stored"}""", Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role}: {method} {url} answered {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        await server.AdminClient().GetAsync($"/api/v1/people/{person}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task AdminOnlyReads_NonAdmin_Are403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        foreach (var role in NonAdminRoles)
        {
            var client = await server.ClientAsAsync(role);
            foreach (var url in new[] { "/api/v1/accounts", "/api/v1/audit-log", "/api/v1/access-log", $"/api/v1/accounts/{Guid.NewGuid()}/tokens" })
            {
                await client.GetAsync(url).ExpectProblemAsync(HttpStatusCode.Forbidden);
            }
        }
    }

    [Theory, DatabaseData]
    public async Task WriteEndpoints_Admin_Succeed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var person = await admin.CreatePersonAsync($"Admin Flow {suffix}", new { kind = "Email", value = $"flow.{suffix}@example.org" });
        var personId = person.Id();
        await admin.PutJson($"/api/v1/people/{personId}", new { name = $"Admin Flow {suffix} Renamed", timeZone = "Europe/London" }).ExpectAsync(HttpStatusCode.OK);
        var method = await admin.PostJson($"/api/v1/people/{personId}/contact-methods", new { kind = "CellPhone", value = "+18605550160" }).ExpectAsync(HttpStatusCode.Created);
        await admin.PutJson($"/api/v1/people/{personId}/contact-methods/{method.Id()}", new { kind = "CellPhone", value = "+18605550161", label = "Cell" }).ExpectAsync(HttpStatusCode.OK);
        await admin.DeleteAsync($"/api/v1/people/{personId}/contact-methods/{method.Id()}").ExpectAsync(HttpStatusCode.NoContent);

        var role = await admin.PostJson("/api/v1/roles", new { name = $"Role {suffix}", holderIds = new[] { personId } }).ExpectAsync(HttpStatusCode.Created);
        await admin.PutJson($"/api/v1/roles/{role.Id()}", new { name = $"Role {suffix} Renamed", responsibilities = "Testing." }).ExpectAsync(HttpStatusCode.OK);
        var team = await admin.CreateTeamAsync($"Team {suffix}", personId);
        await admin.PutJson($"/api/v1/teams/{team.Id()}", new { name = $"Team {suffix} Renamed" }).ExpectAsync(HttpStatusCode.OK);
        var area = await admin.CreateAreaAsync($"Area {suffix}", personId);
        await admin.PutJson($"/api/v1/service-areas/{area.Id()}", new { name = $"Area {suffix} Renamed", managerId = personId }).ExpectAsync(HttpStatusCode.OK);
        var service = await admin.CreateServiceAsync($"Service {suffix}", area.Id());
        await admin.PutJson($"/api/v1/services/{service.Id()}", new { name = $"Service {suffix} Renamed", serviceAreaId = area.Id(), isPublicFacing = true }).ExpectAsync(HttpStatusCode.OK);

        var account = await admin.PostJson("/api/v1/accounts", new { userName = $"flow-{suffix}", password = "Flow-password-123", roles = new[] { "Viewer" }, personId })
            .ExpectAsync(HttpStatusCode.Created);
        await admin.PutJson($"/api/v1/accounts/{account.Id()}/roles", new { roles = new[] { "Responder" } }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostAsync($"/api/v1/accounts/{account.Id()}/unlock", null).ExpectAsync(HttpStatusCode.OK);
        var token = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName = $"flow-{suffix}", password = "Flow-password-123" }).ExpectAsync(HttpStatusCode.Created);
        await admin.DeleteAsync($"/api/v1/accounts/{account.Id()}/tokens/{token.Id()}").ExpectAsync(HttpStatusCode.NoContent);

        await admin.DeleteAsync($"/api/v1/services/{service.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/teams/{team.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/roles/{role.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/people/{personId}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/people/{personId}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
