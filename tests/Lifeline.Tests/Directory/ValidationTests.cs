using System.Net;
using System.Text;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Directory;

/// <summary>Bad input gets a 400 problem naming the field, and changes nothing.</summary>
public sealed class ValidationTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task CreatePerson_InvalidField_Is400NamingItAndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var cases = new (string Field, Func<string, object> Body)[]
        {
            ("contactMethods[0].value", name => new { name, contactMethods = new[] { new { kind = "CellPhone", value = "(555) 123-4567" } } }),
            ("contactMethods[0].value", name => new { name, contactMethods = new[] { new { kind = "OfficePhone", value = "abc" } } }),
            ("contactMethods[1].value", name => new { name, contactMethods = new[] { new { kind = "CellPhone", value = "+18605550199" }, new { kind = "Email", value = "not-an-address" } } }),
            ("contactMethods[0].value", name => new { name, contactMethods = new[] { new { kind = "Email", value = "someone@localhost" } } }),
            ("contactMethods[0].value", name => new { name, contactMethods = new[] { new { kind = "Webhook", value = "ftp://example.org/hook" } } }),
            ("contactMethods[0].kind", name => new { name, contactMethods = new[] { new { value = "+18605550199" } } }),
            ("timeZone", name => new { name, timeZone = "Mars/Olympus_Mons" }),
            ("name", _ => new { title = "No name" }),
            ("name", _ => new { name = "   " }),
            ("name", name => new { name = name + new string('x', 200) }),
        };
        foreach (var (field, body) in cases)
        {
            var name = TestData.Unique("Invalid Person");
            var problem = await admin.PostJson("/api/v1/people", body(name)).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {problem}");
            var found = await admin.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(0, found.Total());
        }
    }

    [Theory, DatabaseData]
    public async Task AddContactMethod_InvalidValue_Is400AndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Validated"), new { kind = "Email", value = "validated@example.org" });
        foreach (var (kind, value) in new[] { ("CellPhone", "(555) 123-4567"), ("CellPhone", "abc"), ("OfficePhone", "+1 860 555"), ("Email", "a@@example.org"), ("ChatWebhook", "not a url") })
        {
            var problem = await admin.PostJson($"/api/v1/people/{person.Id()}/contact-methods", new { kind, value }).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("value", out _), problem.ToString());
        }
        var method = person.GetProperty("contactMethods")[0];
        await admin.PutJson($"/api/v1/people/{person.Id()}/contact-methods/{method.Id()}", new { kind = "Email", value = "broken" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PutJson($"/api/v1/people/{person.Id()}/contact-methods/{method.Id()}", new { kind = "CellPhone", value = "+18605550199" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var methods = await admin.GetAsync($"/api/v1/people/{person.Id()}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["validated@example.org"], methods.EnumerateArray().Select(m => m.GetProperty("value").GetString()));
    }

    [Theory, DatabaseData]
    public async Task UpdatePerson_InvalidField_Is400AndChangesNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Unchanged");
        var person = await admin.CreatePersonAsync(name);
        await admin.PutJson($"/api/v1/people/{person.Id()}", new { name = "", timeZone = "Europe/Paris" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PutJson($"/api/v1/people/{person.Id()}", new { name = "Other", timeZone = "Nowhere/Nothing" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var stored = await admin.GetAsync($"/api/v1/people/{person.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((name, "America/New_York"), (stored.GetProperty("name").GetString(), stored.GetProperty("timeZone").GetString()));
    }

    [Theory, DatabaseData]
    public async Task ListEndpoint_PageSizeOrPageOutOfRange_Is400NamingIt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        foreach (var list in new[] { "people", "roles", "teams", "service-areas", "services", "accounts", "audit-log", "access-log" })
        {
            foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=1000", "pageSize"), ("pageSize=201", "pageSize"), ("page=0", "page") })
            {
                var problem = await admin.GetAsync($"/api/v1/{list}?{query}").ExpectProblemAsync(HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{list}?{query}: {problem}");
            }
            await admin.GetAsync($"/api/v1/{list}?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Theory, DatabaseData]
    public async Task CreatePerson_UnreadableBody_Is400ProblemNamingTheFieldAndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Unreadable");
        var cases = new (string Json, string? Mentions)[]
        {
            ($$"""{"name": "{{name}}", """, null),                                                              // broken JSON
            ($$"""{"name": "{{name}}", "timeZone": 42}""", "timeZone"),                                         // wrong type
            ($$"""{"name": "{{name}}", "contactMethods": {"kind": "Email"} }""", "contactMethods"),              // object for a list
            ($$"""{"name": "{{name}}", "contactMethods": [{"kind": "Pager", "value": "+18605550199"}] }""", "kind"), // unknown enum value
            ($$"""{"name": "{{name}}", "contactMethods": [{"kind": "Email", "value": "x@example.org", "priority": "high"}] }""", "priority"),
        };
        foreach (var (json, mentions) in cases)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            var problem = await admin.PostAsync("/api/v1/people", content).ExpectProblemAsync(HttpStatusCode.BadRequest);
            if (mentions is not null)
            {
                Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Contains(mentions, StringComparison.OrdinalIgnoreCase),
                    $"The problem for {json} does not name {mentions}: {problem}");
            }
        }
        var found = await admin.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, found.Total());
    }

    [Theory, DatabaseData]
    public async Task CreateTeamOrAccount_UnknownEnumOrRole_Is400(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Bad Kind Team");
        using (var content = new StringContent($$"""{"name": "{{name}}", "kind": "Wizards"}""", Encoding.UTF8, "application/json"))
        {
            await admin.PostAsync("/api/v1/teams", content).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        Assert.Equal(0, (await admin.GetAsync($"/api/v1/teams?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK)).Total());

        var userName = $"bad-{Guid.NewGuid():N}"[..16];
        var problem = await admin.PostJson("/api/v1/accounts", new { userName, password = "Good-password-123", roles = new[] { "Wizard" } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _), problem.ToString());
        problem = await admin.PostJson("/api/v1/accounts", new { userName, password = "short", roles = new[] { "Viewer" } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
        Assert.Equal(0, (await admin.GetAsync($"/api/v1/accounts?q={userName}").ExpectAsync(HttpStatusCode.OK)).Total());
    }

    [Theory, DatabaseData]
    public async Task CreatePerson_PhonesInNationalOrInternationalFormat_AreStoredInE164(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Normalised"),
            new { kind = "CellPhone", value = "(860) 555-0199" },
            new { kind = "OfficePhone", value = "+44 20 7946 0958" },
            new { kind = "Email", value = "  normalised@example.org " });
        var values = person.GetProperty("contactMethods").EnumerateArray().ToDictionary(m => m.GetProperty("kind").GetString()!, m => m.GetProperty("value").GetString());
        Assert.Equal("+18605550199", values["CellPhone"]);
        Assert.Equal("+442079460958", values["OfficePhone"]);
        Assert.Equal("normalised@example.org", values["Email"]);

        var added = await admin.PostJson($"/api/v1/people/{person.Id()}/contact-methods", new { kind = "CellPhone", value = "860.555.0198" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("+18605550198", added.GetProperty("value").GetString());
        // The same number written another way is the same number.
        await admin.PostJson($"/api/v1/people/{person.Id()}/contact-methods", new { kind = "CellPhone", value = "+1 (860) 555-0198" }).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory, DatabaseData]
    public async Task CreatePerson_OtherDefaultRegion_ReadsNationalNumbersThere(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false,
            settings: new Dictionary<string, string?> { ["Lifeline:DefaultPhoneRegion"] = "GB" });
        var person = await server.AdminClient().CreatePersonAsync("Nigel Bright", new { kind = "OfficePhone", value = "020 7946 0958" });
        Assert.Equal("+442079460958", person.GetProperty("contactMethods")[0].GetProperty("value").GetString());
    }

}
