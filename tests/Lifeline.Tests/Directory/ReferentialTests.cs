using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Directory;

/// <summary>Changes that would break a reference are refused with a problem that says why.</summary>
public sealed class ReferentialTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task DeletePerson_ManagesServiceArea_Is409NamingTheArea(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var areaName = TestData.Unique("Managed Area");
        await admin.CreateAreaAsync(areaName, manager.Id());

        var problem = await admin.DeleteAsync($"/api/v1/people/{manager.Id()}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(areaName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await admin.GetAsync($"/api/v1/people/{manager.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeleteServiceArea_WithServices_Is409NamingThem(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var area = await admin.CreateAreaAsync(TestData.Unique("Busy Area"), manager.Id());
        var serviceName = TestData.Unique("Dependent Service");
        var service = await admin.CreateServiceAsync(serviceName, area.Id());

        var problem = await admin.DeleteAsync($"/api/v1/service-areas/{area.Id()}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(serviceName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await admin.GetAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/services/{service.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Theory, DatabaseData]
    public async Task DeleteTeam_DefaultTeamOfArea_Is409NamingTheArea(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var team = await admin.CreateTeamAsync(TestData.Unique("Default Team"));
        var areaName = TestData.Unique("Team Area");
        await admin.CreateAreaAsync(areaName, manager.Id(), team.Id());

        var problem = await admin.DeleteAsync($"/api/v1/teams/{team.Id()}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(areaName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await admin.GetAsync($"/api/v1/teams/{team.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_HoldingRolesAndTeams_RemovesMembershipsAndUnlinksAccount(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var leaving = await admin.CreatePersonAsync(TestData.Unique("Leaving"), new { kind = "Email", value = "leaving@example.org" });
        var staying = await admin.CreatePersonAsync(TestData.Unique("Staying"));
        var role = await admin.PostJson("/api/v1/roles", new { name = TestData.Unique("Shared Role"), holderIds = new[] { leaving.Id(), staying.Id() } }).ExpectAsync(HttpStatusCode.Created);
        var team = await admin.CreateTeamAsync(TestData.Unique("Shared Team"), leaving.Id(), staying.Id());
        var userName = $"leaving-{Guid.NewGuid():N}"[..20];
        var account = await admin.PostJson("/api/v1/accounts", new { userName, password = "Leaving-password-1", roles = new[] { "Viewer" }, personId = leaving.Id() }).ExpectAsync(HttpStatusCode.Created);

        await admin.DeleteAsync($"/api/v1/people/{leaving.Id()}").ExpectAsync(HttpStatusCode.NoContent);

        await admin.GetAsync($"/api/v1/people/{leaving.Id()}").ExpectProblemAsync(HttpStatusCode.NotFound);
        var holders = (await admin.GetAsync($"/api/v1/roles/{role.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("holders");
        Assert.Equal([staying.Id()], holders.EnumerateArray().Select(h => h.GetProperty("personId").GetGuid()));
        var members = (await admin.GetAsync($"/api/v1/teams/{team.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("members");
        Assert.Equal([staying.Id()], members.EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()));
        var accounts = await admin.GetAsync($"/api/v1/accounts?q={userName}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, accounts.Items().Single(a => a.Id() == account.Id()).GetProperty("personId").ValueKind);
    }

    [Theory, DatabaseData]
    public async Task Create_DuplicateName_Is409(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var area = await admin.CreateAreaAsync(TestData.Unique("Unique Area"), manager.Id());
        var roleName = TestData.Unique("Unique Role");
        await admin.PostJson("/api/v1/roles", new { name = roleName }).ExpectAsync(HttpStatusCode.Created);
        var teamName = TestData.Unique("Unique Team");
        await admin.CreateTeamAsync(teamName);
        var serviceName = TestData.Unique("Unique Service");
        await admin.CreateServiceAsync(serviceName, area.Id());

        await admin.PostJson("/api/v1/roles", new { name = roleName }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostJson("/api/v1/roles", new { name = " " + roleName + " " }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostJson("/api/v1/teams", new { name = teamName }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostJson("/api/v1/service-areas", new { name = area.GetProperty("name").GetString(), managerId = manager.Id() }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostJson("/api/v1/services", new { name = serviceName, serviceAreaId = area.Id() }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.PostJson("/api/v1/roles", new { name = "Incident Manager 1" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        var userName = $"dup-{Guid.NewGuid():N}"[..16];
        await admin.PostJson("/api/v1/accounts", new { userName, password = "Dup-password-123", roles = new[] { "Viewer" } }).ExpectAsync(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/accounts", new { userName, password = "Dup-password-123", roles = new[] { "Viewer" } }).ExpectProblemAsync(HttpStatusCode.Conflict);

        // Renaming onto a taken name is refused too.
        var other = await admin.PostJson("/api/v1/roles", new { name = TestData.Unique("Other Role") }).ExpectAsync(HttpStatusCode.Created);
        await admin.PutJson($"/api/v1/roles/{other.Id()}", new { name = roleName }).ExpectProblemAsync(HttpStatusCode.Conflict);
        var otherTeam = await admin.CreateTeamAsync(TestData.Unique("Other Team"));
        await admin.PutJson($"/api/v1/teams/{otherTeam.Id()}", new { name = teamName }).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory, DatabaseData]
    public async Task UnknownId_InPath_Is404(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Known"));
        var unknown = Guid.NewGuid();
        foreach (var resource in new[] { "people", "roles", "teams", "service-areas", "services" })
        {
            await admin.GetAsync($"/api/v1/{resource}/{unknown}").ExpectProblemAsync(HttpStatusCode.NotFound);
            await admin.DeleteAsync($"/api/v1/{resource}/{unknown}").ExpectProblemAsync(HttpStatusCode.NotFound);
        }
        await admin.PutJson($"/api/v1/people/{unknown}", new { name = "Nobody" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PutJson($"/api/v1/roles/{unknown}", new { name = "Nobody" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PutJson($"/api/v1/teams/{unknown}", new { name = "Nobody" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PutJson($"/api/v1/service-areas/{unknown}", new { name = "Nobody", managerId = person.Id() }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/people/{unknown}/contact-methods").ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PostJson($"/api/v1/people/{unknown}/contact-methods", new { kind = "Email", value = "x@example.org" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/people/{person.Id()}/contact-methods/{unknown}").ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PutJson($"/api/v1/people/{person.Id()}/contact-methods/{unknown}", new { kind = "Email", value = "x@example.org" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PostAsync($"/api/v1/accounts/{unknown}/unlock", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        await admin.PutJson($"/api/v1/accounts/{unknown}/roles", new { roles = new[] { "Viewer" } }).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task UnknownId_InReference_Is400NamingTheField(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Referenced"));
        var unknown = Guid.NewGuid();
        var cases = new (string Url, object Body, string Field)[]
        {
            ("/api/v1/services", new { name = TestData.Unique("Orphan Service"), serviceAreaId = unknown }, "serviceAreaId"),
            ("/api/v1/services", new { name = TestData.Unique("Orphan Service") }, "serviceAreaId"),
            ("/api/v1/service-areas", new { name = TestData.Unique("Orphan Area"), managerId = unknown }, "managerId"),
            ("/api/v1/service-areas", new { name = TestData.Unique("Orphan Area") }, "managerId"),
            ("/api/v1/service-areas", new { name = TestData.Unique("Orphan Area"), managerId = person.Id(), defaultTeamIds = new[] { unknown } }, "defaultTeamIds"),
            ("/api/v1/roles", new { name = TestData.Unique("Orphan Role"), holderIds = new[] { person.Id(), unknown } }, "holderIds"),
            ("/api/v1/roles", new { name = TestData.Unique("Orphan Role"), holderIds = new[] { person.Id(), person.Id() } }, "holderIds"),
            ("/api/v1/teams", new { name = TestData.Unique("Orphan Team"), members = new[] { new { personId = unknown, isLead = true } } }, "members"),
            ("/api/v1/accounts", new { userName = $"orphan-{Guid.NewGuid():N}"[..16], password = "Orphan-password-1", roles = new[] { "Viewer" }, personId = unknown }, "personId"),
        };
        foreach (var (url, body, field) in cases)
        {
            var problem = await admin.PostJson(url, body).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {field} not named in {problem}");
        }
        Assert.Equal(0, (await admin.GetAsync("/api/v1/roles?q=orphan role").ExpectAsync(HttpStatusCode.OK)).Total());
        Assert.Equal(0, (await admin.GetAsync("/api/v1/services?q=orphan service").ExpectAsync(HttpStatusCode.OK)).Total());
    }
}
