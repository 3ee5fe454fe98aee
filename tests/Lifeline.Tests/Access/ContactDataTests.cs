using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Access;

/// <summary>Contact values are in clear only for Admin, Level1Technician and IncidentManager, and each such read is logged.</summary>
public sealed class ContactDataTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task ReadPerson_ContactDataReaders_SeeValuesInClearAndAreLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (personId, email) = await CreatePersonAsync(server);
        var clients = new List<HttpClient> { server.AdminClient() };
        clients.Add(await server.ClientAsAsync(LifelineRoles.Level1Technician));
        clients.Add(await server.ClientAsAsync(LifelineRoles.IncidentManager));
        clients.Add(await server.ClientAsAsync(LifelineRoles.Viewer, LifelineRoles.IncidentManager)); // the stronger role wins

        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var expectedEntries = 0;
        foreach (var client in clients)
        {
            var userName = (await client.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK)).GetProperty("userName").GetString();
            var person = await client.GetAsync($"/api/v1/people/{personId}").ExpectAsync(HttpStatusCode.OK);
            AssertClear(person.GetProperty("contactMethods"), email);
            AssertClear(await client.GetAsync($"/api/v1/people/{personId}/contact-methods").ExpectAsync(HttpStatusCode.OK), email);
            expectedEntries += 2;

            var log = await server.AdminClient().GetAsync($"/api/v1/access-log?personId={personId}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
            var mine = log.Items().Where(e => e.GetProperty("actor").GetString() == userName).ToList();
            Assert.Equal(2, mine.Count);
            Assert.All(mine, e =>
            {
                Assert.Equal(personId, e.GetProperty("personId").GetGuid());
                Assert.Equal("Contact Reader", e.GetProperty("personName").GetString()?[..14]);
                Assert.NotEqual(JsonValueKind.Null, e.GetProperty("accountId").ValueKind);
                Assert.InRange(e.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5));
            });
            Assert.Equal(["contact methods", "person details"], mine.Select(e => e.GetProperty("purpose").GetString()).Order());
        }
        var all = await server.AdminClient().GetAsync($"/api/v1/access-log?personId={personId}").ExpectAsync(HttpStatusCode.OK);
        // The admin's own reads of the log are not disclosures; the admin's reads of the person are.
        Assert.Equal(expectedEntries, all.Total());
    }

    [Theory, DatabaseData]
    public async Task ReadPerson_InClear_RecordsTheCallersAddress(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (personId, _) = await CreatePersonAsync(server);
        var context = await server.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = $"/api/v1/people/{personId}";
            c.Request.Headers.Authorization = "Bearer " + LifelineServer.AdminToken;
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        });
        Assert.Equal(200, context.Response.StatusCode);

        var log = await server.AdminClient().GetAsync($"/api/v1/access-log?personId={personId}").ExpectAsync(HttpStatusCode.OK);
        var entry = Assert.Single(log.Items());
        Assert.Equal(("203.0.113.7", "admin"), (entry.GetProperty("remoteAddress").GetString(), entry.GetProperty("actor").GetString()));
    }

    [Theory, DatabaseData]
    public async Task ReadPerson_OtherRoles_SeeMasksAndAreNotLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (personId, email) = await CreatePersonAsync(server);
        foreach (var role in new[] { LifelineRoles.Responder, LifelineRoles.Stakeholder, LifelineRoles.Viewer })
        {
            var client = await server.ClientAsAsync(role);
            foreach (var methods in new[]
                     {
                         (await client.GetAsync($"/api/v1/people/{personId}").ExpectAsync(HttpStatusCode.OK)).GetProperty("contactMethods"),
                         await client.GetAsync($"/api/v1/people/{personId}/contact-methods").ExpectAsync(HttpStatusCode.OK),
                     })
            {
                var byKind = methods.EnumerateArray().ToDictionary(m => m.GetProperty("kind").GetString()!);
                Assert.All(byKind.Values, m => Assert.True(m.GetProperty("masked").GetBoolean()));
                Assert.Equal("+1 ••• ••• 0147", byKind["CellPhone"].GetProperty("value").GetString());
                Assert.Equal("+44 ••• ••• 0958", byKind["OfficePhone"].GetProperty("value").GetString());
                Assert.Equal($"{email[0]}•••@example.org", byKind["Email"].GetProperty("value").GetString());
                Assert.Equal("https://hooks.example.org/•••", byKind["Webhook"].GetProperty("value").GetString());
                Assert.DoesNotContain(email, methods.GetRawText(), StringComparison.Ordinal);
                Assert.DoesNotContain("secret-path", methods.GetRawText(), StringComparison.Ordinal);
            }
        }
        var log = await server.AdminClient().GetAsync($"/api/v1/access-log?personId={personId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, log.Total());
    }

    [Theory, DatabaseData]
    public async Task ListPeople_AnyRole_ShowsNoContactValues(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (personId, email) = await CreatePersonAsync(server);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        using var response = await viewer.GetAsync("/api/v1/people?pageSize=200&q=contact reader");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(personId.ToString(), body, StringComparison.Ordinal);
        Assert.DoesNotContain(email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("+18605550147", body, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Logs_NonAdmin_Are403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        foreach (var role in new[] { LifelineRoles.Level1Technician, LifelineRoles.IncidentManager, LifelineRoles.Viewer })
        {
            var client = await server.ClientAsAsync(role);
            await client.GetAsync("/api/v1/access-log").ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.GetAsync("/api/v1/audit-log").ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory, DatabaseData]
    public async Task AuditLog_DirectoryChange_ShowsWhoWhatBeforeAndAfter(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Audited");
        var person = await admin.CreatePersonAsync(name);
        await admin.PutJson($"/api/v1/people/{person.Id()}", new { name = name + " Renamed" }).ExpectAsync(HttpStatusCode.OK);

        var log = await admin.GetAsync($"/api/v1/audit-log?entityType=Person&entityId={person.Id()}").ExpectAsync(HttpStatusCode.OK);
        var entries = log.Items();
        Assert.Equal(["Updated", "Created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Contains(name + " Renamed", entries[0].GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains(name, entries[0].GetProperty("before").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(Guid Id, string Email)> CreatePersonAsync(LifelineServer server)
    {
        var email = $"d{Guid.NewGuid():N}"[..12] + "@example.org";
        var person = await server.AdminClient().CreatePersonAsync(TestData.Unique("Contact Reader"),
            new { kind = "CellPhone", value = "+1 860 555 0147" },
            new { kind = "OfficePhone", value = "+44 20 7946 0958" },
            new { kind = "Email", value = email },
            new { kind = "Webhook", value = "https://hooks.example.org/secret-path/123" });
        // Creating is not a disclosure: the admin typed the values.
        return (person.Id(), email);
    }

    private static void AssertClear(JsonElement methods, string email)
    {
        var byKind = methods.EnumerateArray().ToDictionary(m => m.GetProperty("kind").GetString()!);
        Assert.All(byKind.Values, m => Assert.False(m.GetProperty("masked").GetBoolean()));
        Assert.Equal("+18605550147", byKind["CellPhone"].GetProperty("value").GetString());
        Assert.Equal("+442079460958", byKind["OfficePhone"].GetProperty("value").GetString());
        Assert.Equal(email, byKind["Email"].GetProperty("value").GetString());
        Assert.Equal("https://hooks.example.org/secret-path/123", byKind["Webhook"].GetProperty("value").GetString());
    }
}
