using System.Net;
using Lifeline.Access;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Severity;

public sealed class SeveritiesApiTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Classify_EverySeedExample_ProposesTheSeedsSeverity(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var governor = await client.OrganisationIdAsync("Office of the Governor");
        var lieutenant = await client.OrganisationIdAsync("Office of the Lieutenant Governor");
        var dmvAgency = await client.OrganisationIdAsync("Department of Motor Vehicles");
        (string Service, string Scope, string State, Guid? Organisation, int Expected)[] examples =
        [
            ("E-mail", "MajorityOrTotal", "Down", null, 1),
            ("Internet Access", "MajorityOrTotal", "Down", null, 1),
            ("CICS", "MajorityOrTotal", "Down", null, 1),
            ("Portal", "MajorityOrTotal", "Down", null, 1),
            ("Collect", "MajorityOrTotal", "Down", null, 1),
            ("Active Directory", "MajorityOrTotal", "Down", null, 1),
            ("Citrix", "MajorityOrTotal", "Down", null, 1),
            ("Internet Filtering", "SingleUser", "Degraded", governor, 1),
            ("E-mail", "SingleUser", "Down", lieutenant, 1),
            ("DMV", "MajorityOrTotal", "Down", dmvAgency, 1),
            ("DCF Hotline", "MajorityOrTotal", "Down", null, 1),
            ("E-mail", "MajorityOrTotal", "Degraded", null, 2),
            ("Active Directory", "SmallGroup", "Degraded", null, 2),
            ("Police Department Connectivity", "SmallGroup", "Down", null, 2),
            ("Internet Filtering", "MajorityOrTotal", "Down", null, 2),
            ("Portal", "SmallGroup", "Down", null, 2),
            ("Citrix", "SingleUser", "Down", null, 3),
            ("DMV", "SingleUser", "Degraded", dmvAgency, 3),
        ];
        var wrong = new List<string>();
        foreach (var (service, scope, state, organisation, expected) in examples)
        {
            var result = await client.PostJson("/api/v1/severities/classify",
                new { serviceId = await client.ServiceIdAsync(service), impactScope = scope, serviceState = state, organisationId = organisation })
                .ExpectAsync(HttpStatusCode.OK);
            var severity = result.GetProperty("severity").GetInt32();
            Assert.EndsWith($"→ Severity {severity}", result.GetProperty("reason").GetString());
            if (severity != expected)
            {
                wrong.Add($"{service} {scope} {state}: expected {expected}, got {severity} ({result.GetProperty("reason").GetString()})");
            }
        }
        Assert.Empty(wrong);
    }

    [Theory, DatabaseData]
    public async Task Classify_EmailDownForMajority_SaysWhyAndEscalates(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.AdminClient();

        var result = await client.PostJson("/api/v1/severities/classify",
            new { serviceId = await client.ServiceIdAsync("E-mail"), impactScope = "MajorityOrTotal", serviceState = "Down" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("E-mail is a major enterprise service and is down for the majority of users → Severity 1", result.GetProperty("reason").GetString());
        Assert.Equal("Escalation", result.GetProperty("procedure").GetString());
    }

    [Theory, DatabaseData]
    public async Task Classify_MissingFields_ListsThem(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        var problem = await server.AdminClient().PostJson("/api/v1/severities/classify", new { }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("serviceId", out _));
        Assert.True(errors.TryGetProperty("impactScope", out _));
        Assert.True(errors.TryGetProperty("serviceState", out _));
    }

    [Theory, DatabaseData]
    public async Task List_NoDemoData_HasTheSeedsTableWordForWord(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);

        var levels = (await server.AdminClient().GetAsync("/api/v1/severities").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();

        Assert.Equal([1, 2, 3], levels.Select(l => l.GetProperty("level").GetInt32()));
        Assert.Equal(SeverityCatalogue.HighDefinition, levels[0].GetProperty("definition").GetString());
        Assert.Contains("• DCF Hotline going down", levels[0].GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(SeverityCatalogue.MediumDefinition, levels[1].GetProperty("definition").GetString());
        Assert.Contains("• Individual Police Departments going down", levels[1].GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Problem that is inconvenient and not critical to customer's business. Single user affected.", levels[2].GetProperty("definition").GetString());
        Assert.Equal(15, levels[0].GetProperty("acknowledgeWithinMinutes").GetInt32());
        Assert.Equal(60, levels[0].GetProperty("statusUpdateEveryMinutes").GetInt32());
        Assert.Equal(240, levels[0].GetProperty("resolveWithinMinutes").GetInt32());
        var rules = await server.AdminClient().GetAsync("/api/v1/classification-rules").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(rules.EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task Update_Admin_ChangesTargetAndIsAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var client = server.AdminClient();
        var current = await client.GetAsync("/api/v1/severities/3").ExpectAsync(HttpStatusCode.OK);

        var updated = await client.PutJson("/api/v1/severities/3", new
        {
            name = "Low",
            definition = current.GetProperty("definition").GetString(),
            examples = Array.Empty<string>(),
            acknowledgeWithinMinutes = 240,
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(240, updated.GetProperty("acknowledgeWithinMinutes").GetInt32());
        Assert.Equal(1440, updated.GetProperty("statusUpdateEveryMinutes").GetInt32());
        var audit = await client.GetAsync("/api/v1/audit-log?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("entityType").GetString() == "SeverityLevel" && e.GetProperty("action").GetString() == "Updated");
    }

    [Theory, DatabaseData]
    public async Task Update_InvalidTarget_Returns400AndChangesNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.AdminClient();

        var problem = await client.PutJson("/api/v1/severities/2", new { name = "", definition = "x", acknowledgeWithinMinutes = 0 })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("acknowledgeWithinMinutes", out _));
        var level = await client.GetAsync("/api/v1/severities/2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Medium", level.GetProperty("name").GetString());
        Assert.Equal(SeverityCatalogue.MediumDefinition, level.GetProperty("definition").GetString());
    }

    [Theory, DatabaseData]
    public async Task Update_Level1Technician_Returns403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        using var response = await client.PutJson("/api/v1/severities/2", new { name = "Medium", definition = "changed" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ClassificationRule_AdminAddsEarlierRule_ItWinsForThatCase(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var client = server.AdminClient();
        var filtering = await client.ServiceIdAsync("Internet Filtering");

        await client.PostJson("/api/v1/classification-rules", new
        {
            order = 1, name = "Filtering is critical this month", majorEnterpriseService = false, state = "Down", minimumScope = "MajorityOrTotal",
            severity = 1, reason = "{service} is down for {scope} during the audit",
        }).ExpectAsync(HttpStatusCode.Created);
        var result = await client.PostJson("/api/v1/severities/classify",
            new { serviceId = filtering, impactScope = "MajorityOrTotal", serviceState = "Down" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, result.GetProperty("severity").GetInt32());
        Assert.Equal("Filtering is critical this month", result.GetProperty("ruleName").GetString());
    }
}
