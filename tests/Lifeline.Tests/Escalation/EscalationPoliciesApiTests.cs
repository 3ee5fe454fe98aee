using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Escalation;

public sealed class EscalationPoliciesApiTests(SharedServers servers)
{
    private static async Task<string> IdOfAsync(HttpClient client, string url, string name)
    {
        var page = await client.GetAsync($"{url}?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }

    [Theory, DatabaseData]
    public async Task DemoDefaultPolicy_IsTheSeedChain(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var page = await server.AdminClient().GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var policy = page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());

        var tiers = policy.GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal(3, tiers.Count);
        Assert.Equal("Incident Manager 1", tiers[0].GetProperty("targets")[0].GetProperty("name").GetString());
        Assert.Equal(["Voice", "Sms"], tiers[0].GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Incident Manager 1 Primary Backup", tiers[1].GetProperty("targets")[0].GetProperty("name").GetString());
        Assert.Equal("ServiceAreaManager", tiers[2].GetProperty("targets")[0].GetProperty("kind").GetString());
        Assert.Contains("E-mail", policy.GetProperty("usedByServices").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory, DatabaseData]
    public async Task Create_ValidPolicy_StoredWithTiersAndWaitInSeconds(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var roleId = await IdOfAsync(admin, "/api/v1/roles", "Network Administrator");
        var name = $"Drill policy {Guid.NewGuid():N}";

        var created = await admin.PostJson("/api/v1/escalation-policies", new
        {
            name,
            repeatCount = 1,
            tiers = new object[]
            {
                new { targets = new object[] { new { kind = "Role", id = roleId } }, channels = new[] { "Sms" }, wait = "00:00:30" },
                new { targets = new object[] { new { kind = "IncidentManager" } }, channels = new[] { "Voice", "Email" }, wait = "00:10:00" },
            },
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.False(created.GetProperty("isDefault").GetBoolean());
        var fetched = await admin.GetAsync($"/api/v1/escalation-policies/{created.GetProperty("id").GetString()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("00:00:30", fetched.GetProperty("tiers")[0].GetProperty("wait").GetString());
        Assert.Equal("Network Administrator", fetched.GetProperty("tiers")[0].GetProperty("targets")[0].GetProperty("name").GetString());
        Assert.Equal(1, fetched.GetProperty("repeatCount").GetInt32());
    }

    [Theory, DatabaseData]
    public async Task Create_BadTiers_Refused400NamingEachField(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Broken {Guid.NewGuid():N}";

        var problem = await admin.PostJson("/api/v1/escalation-policies", new
        {
            name,
            tiers = new object[]
            {
                new { targets = new object[] { new { kind = "Role", id = Guid.NewGuid() } }, channels = new[] { "Sms" }, wait = "00:00:00" },
                new { targets = new object[] { new { kind = "Person" } }, channels = Array.Empty<string>(), wait = "2.00:00:00" },
            },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "tiers[0].targets[0]", "tiers[0].wait", "tiers[1].targets[0]", "tiers[1].channels", "tiers[1].wait" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        var list = await admin.GetAsync($"/api/v1/escalation-policies?q={name}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory, DatabaseData]
    public async Task DeleteRole_NamedInPolicy_Refused409(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var role = await admin.PostJson("/api/v1/roles", new { name = $"Temp role {Guid.NewGuid():N}" }).ExpectAsync(HttpStatusCode.Created);
        var roleId = role.GetProperty("id").GetString();
        var policyName = $"Uses temp role {Guid.NewGuid():N}";
        var policy = await admin.PostJson("/api/v1/escalation-policies", new
        {
            name = policyName,
            tiers = new[] { new { targets = new object[] { new { kind = "Role", id = roleId } }, channels = new[] { "Voice" }, wait = "00:05:00" } },
        }).ExpectAsync(HttpStatusCode.Created);

        var problem = await admin.DeleteAsync($"/api/v1/roles/{roleId}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(policyName, problem.GetProperty("detail").GetString());

        await admin.DeleteAsync($"/api/v1/escalation-policies/{policy.GetProperty("id").GetString()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/roles/{roleId}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Theory, DatabaseData]
    public async Task DeleteDefaultPolicy_Refused409(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var page = await admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var id = page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetString();
        await admin.DeleteAsync($"/api/v1/escalation-policies/{id}").ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory, DatabaseData]
    public async Task Write_AsLevel1Technician_Forbidden(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var technician = await server.ClientAsAsync("Level1Technician");
        await technician.PostJson("/api/v1/escalation-policies", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var list = await technician.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        Assert.True(list.GetProperty("total").GetInt32() >= 1);
    }
}
