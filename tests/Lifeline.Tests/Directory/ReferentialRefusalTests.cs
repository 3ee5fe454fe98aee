using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Directory;

/// <summary>
/// Removing what others depend on is refused with one sentence that names both sides and says what to do, the same
/// sentence the console shows; and nothing changes. Several of these were database errors (500) before.
/// </summary>
public sealed class ReferentialRefusalTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task DeletePerson_ManagesServiceArea_Is409SayingChooseAnotherManager(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var name = TestData.Unique("Manager");
        var manager = await admin.CreatePersonAsync(name);
        var areaName = TestData.Unique("Managed Area");
        var area = await admin.CreateAreaAsync(areaName, manager.Id());

        await RefusedAsync(admin, $"/api/v1/people/{manager.Id()}", $"{name} manages {areaName}; choose another manager first.");

        await admin.GetAsync($"/api/v1/people/{manager.Id()}").ExpectAsync(HttpStatusCode.OK);
        var after = await admin.GetAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(manager.Id(), after.GetProperty("manager").Id());
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_OnlyHolderOfRole_Is409SayingChooseAnotherHolder(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var name = TestData.Unique("Holder");
        var holder = await admin.CreatePersonAsync(name);
        var roleName = TestData.Unique("Lonely Role");
        var role = await admin.PostJson("/api/v1/roles", new { name = roleName, holderIds = new[] { holder.Id() } }).ExpectAsync(HttpStatusCode.Created);

        await RefusedAsync(admin, $"/api/v1/people/{holder.Id()}", $"{name} holds {roleName}; choose another holder first.");

        var holders = (await admin.GetAsync($"/api/v1/roles/{role.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("holders");
        Assert.Equal([holder.Id()], holders.EnumerateArray().Select(h => h.GetProperty("personId").GetGuid()));
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_DemoIncidentManager1_Is409NamingRoleAndRotations(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var henry = (await admin.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(HttpStatusCode.OK)).Items().Single().Id();

        var problem = await admin.DeleteAsync($"/api/v1/people/{henry}").ExpectProblemAsync(HttpStatusCode.Conflict);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Henry Castillo holds Incident Manager 1; choose another holder first.", detail, StringComparison.Ordinal);
        Assert.Contains("Henry Castillo takes turns in the schedule Incident Manager 1 backup rotation and Incident Manager 1 rotation; take them out of the rotation first.",
            detail, StringComparison.Ordinal);
        await admin.GetAsync($"/api/v1/people/{henry}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_TargetOfPolicy_Is409SayingRemoveThemFromThere(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var name = TestData.Unique("Target");
        var person = await admin.CreatePersonAsync(name);
        var policyName = TestData.Unique("Pages a person");
        await PolicyAsync(admin, policyName, "Person", person.Id());

        await RefusedAsync(admin, $"/api/v1/people/{person.Id()}", $"{name} is a target of escalation policy '{policyName}'; remove them from there first.");
        await admin.GetAsync($"/api/v1/people/{person.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_IncidentManagerOfAnIncident_Is409Not500(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var name = TestData.Unique("Manages INC");
        var person = await admin.CreatePersonAsync(name);
        var incident = await admin.PostJson("/api/v1/incidents", new { title = "Referenced manager", serviceId = await admin.ServiceIdAsync("Internet Filtering"), severity = 3, reporterName = "Pat Doe", incidentManagerId = person.Id() })
            .ExpectAsync(HttpStatusCode.Created);

        await RefusedAsync(admin, $"/api/v1/people/{person.Id()}",
            $"{name} is the incident manager of {incident.Number()}; incidents keep their incident manager, so the person stays (remove their contact methods and roles instead).");
        await admin.GetAsync($"/api/v1/people/{person.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeleteTeam_DefaultTeamOfArea_Is409SayingRemoveItFromThatArea(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var teamName = TestData.Unique("Default Team");
        var team = await admin.CreateTeamAsync(teamName);
        var areaName = TestData.Unique("Team Area");
        var area = await admin.CreateAreaAsync(areaName, manager.Id(), team.Id());

        await RefusedAsync(admin, $"/api/v1/teams/{team.Id()}", $"{teamName} is a default Level 2 team of {areaName}; remove it from that area first.");

        await admin.GetAsync($"/api/v1/teams/{team.Id()}").ExpectAsync(HttpStatusCode.OK);
        var after = await admin.GetAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([team.Id()], after.GetProperty("defaultTeams").EnumerateArray().Select(t => t.Id()));
    }

    [Theory, DatabaseData]
    public async Task DeleteTeam_Level2TeamOfAnIncident_Is409Not500(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var teamName = TestData.Unique("Engaged Team");
        var team = await admin.CreateTeamAsync(teamName);
        var incident = await admin.OpenAsync(severity: 3);
        await admin.PutJson($"/api/v1/incidents/{incident.Number()}/level2-teams", new { teamIds = new[] { team.Id() } }).ExpectAsync(HttpStatusCode.OK);

        await RefusedAsync(admin, $"/api/v1/teams/{team.Id()}",
            $"{teamName} is a Level 2 team of {incident.Number()}; incidents keep their teams, so the team stays (rename it or change its members instead).");
        await admin.GetAsync($"/api/v1/teams/{team.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeleteRole_TargetOfPolicy_Is409SayingRemoveItFromThere(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var roleName = TestData.Unique("Paged Role");
        var role = await admin.PostJson("/api/v1/roles", new { name = roleName }).ExpectAsync(HttpStatusCode.Created);
        var policyName = TestData.Unique("Pages a role");
        await PolicyAsync(admin, policyName, "Role", role.Id());

        await RefusedAsync(admin, $"/api/v1/roles/{role.Id()}", $"{roleName} is a target of escalation policy '{policyName}'; remove it from there first.");
        await admin.GetAsync($"/api/v1/roles/{role.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeleteServiceArea_WithAService_Is409SayingMoveIt(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var areaName = TestData.Unique("Busy Area");
        var area = await admin.CreateAreaAsync(areaName, manager.Id());
        var serviceName = TestData.Unique("Dependent Service");
        var service = await admin.CreateServiceAsync(serviceName, area.Id());

        await RefusedAsync(admin, $"/api/v1/service-areas/{area.Id()}", $"{areaName} has the service {serviceName}; move it to another area first.");

        await admin.GetAsync($"/api/v1/service-areas/{area.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(area.Id(), (await admin.GetAsync($"/api/v1/services/{service.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("serviceAreaId").GetGuid());
    }

    [Theory, DatabaseData]
    public async Task DeleteService_OfAnIncident_Is409Not500(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        var area = await admin.CreateAreaAsync(TestData.Unique("Incident Area"), manager.Id());
        var serviceName = TestData.Unique("Broken Service");
        var service = await admin.CreateServiceAsync(serviceName, area.Id());
        var incident = await admin.OpenAsync(serviceName, severity: 3);

        await RefusedAsync(admin, $"/api/v1/services/{service.Id()}",
            $"{serviceName} is the service of {incident.Number()}; incidents keep their service, so it stays (rename it or move it to another area instead).");
        await admin.GetAsync($"/api/v1/services/{service.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task DeleteOrganisation_AffectedByAnIncident_Is409SayingWhatToDo(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var organisationName = TestData.Unique("Affected Org");
        var organisation = await admin.PostJson("/api/v1/organisations", new { name = organisationName, isVip = false }).ExpectAsync(HttpStatusCode.Created);
        var incident = await admin.PostJson("/api/v1/incidents", new { title = "Affects an organisation", serviceId = await admin.ServiceIdAsync("Internet Filtering"), severity = 3, reporterName = "Pat Doe", organisationId = organisation.Id() })
            .ExpectAsync(HttpStatusCode.Created);

        await RefusedAsync(admin, $"/api/v1/organisations/{organisation.Id()}",
            $"{organisationName} is the affected organisation of {incident.Number()}; incidents keep their organisation, so it stays (clear its VIP flag instead if it no longer applies).");
        await admin.GetAsync($"/api/v1/organisations/{organisation.Id()}").ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task RefusedAsync(HttpClient admin, string url, string sentence)
    {
        var problem = await admin.DeleteAsync(url).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(sentence, problem.GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> PolicyAsync(HttpClient admin, string name, string kind, Guid id) =>
        await admin.PostJson("/api/v1/escalation-policies", new
        {
            name,
            tiers = new[] { new { targets = new object[] { new { kind, id } }, channels = new[] { "Voice" }, wait = "00:05:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
}
