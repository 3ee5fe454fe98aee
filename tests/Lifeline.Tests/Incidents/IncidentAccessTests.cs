using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentAccessTests(SharedServers servers)
{
    public static TheoryData<DatabaseProvider, string, string, string> WrongRoles()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        (string Method, string Action, string Role)[] table =
        [
            ("POST", "open", LifelineRoles.IncidentManager),
            ("POST", "open", LifelineRoles.Viewer),
            ("POST", "close", LifelineRoles.IncidentManager),
            ("POST", "close", LifelineRoles.Responder),
            ("POST", "acknowledge", LifelineRoles.Level1Technician),
            ("POST", "acknowledge", LifelineRoles.Stakeholder),
            ("POST", "status-updates", LifelineRoles.Level1Technician),
            ("POST", "resolve", LifelineRoles.Level1Technician),
            ("POST", "reopen", LifelineRoles.Viewer),
            ("PUT", "severity", LifelineRoles.Responder),
            ("PUT", "incident-manager", LifelineRoles.Stakeholder),
            ("PUT", "level2-teams", LifelineRoles.Level1Technician),
            ("POST", "manual-log", LifelineRoles.Viewer),
        ];
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (method, action, role) in table)
            {
                data.Add(provider, method, action, role);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(WrongRoles))]
    public async Task Action_WrongRole_Returns403AndChangesNothing(DatabaseProvider provider, string method, string action, string role)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var incident = await admin.OpenAsync(severity: 2);
        var number = incident.Number();
        var client = await server.ClientAsAsync(role);
        var url = action == "open" ? "/api/v1/incidents" : $"/api/v1/incidents/{number}/{action}";
        object body = new { title = "x", serviceId = await admin.ServiceIdAsync("E-mail"), severity = 1, summary = "x", reason = "x", text = "x" };

        using var response = method == "PUT" ? await client.PutJson(url, body) : await client.PostJson(url, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Open", after.Status());
        Assert.Single(await admin.TimelineAsync(number));
    }

    [Theory, DatabaseData]
    public async Task Actions_RightRoles_Succeed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var manager = await server.ClientAsAsync(LifelineRoles.IncidentManager);
        var number = (await tech.OpenAsync(severity: 1)).Number();

        await manager.PostJson($"/api/v1/incidents/{number}/acknowledge", new { channel = "voice" }).ExpectAsync(HttpStatusCode.OK);
        await manager.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "isolated" }).ExpectAsync(HttpStatusCode.OK);
        await tech.PutJson($"/api/v1/incidents/{number}/incident-manager", new { personId = await tech.PersonIdAsync("Aisha Karim") }).ExpectAsync(HttpStatusCode.OK);
        await manager.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "fixed" }).ExpectAsync(HttpStatusCode.OK);
        var closed = await tech.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Closed", closed.GetProperty("incident").Status());
        Assert.Equal("Aisha Karim", closed.GetProperty("incident").GetProperty("incidentManager").GetProperty("name").GetString());
    }

    [Theory, DatabaseData]
    public async Task Get_Viewer_SeesIncidentWithReporterContactMasked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var number = (await server.AdminClient().OpenAsync()).Number();
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        var masked = await viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        var clear = await tech.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("p•••@example.org", masked.GetProperty("reporter").GetProperty("contact").GetString());
        Assert.Equal("pat.doe@example.org", clear.GetProperty("reporter").GetProperty("contact").GetString());
    }

    [Theory, DatabaseData]
    public async Task Get_Anonymous_Returns401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        using var response = await server.CreateClient().GetAsync("/api/v1/incidents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
