using System.Net;
using Lifeline.Access;
using Lifeline.StatusPage;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.StatusPage;

public sealed class StatusPageApiTests
{
    [Theory]
    [InlineData("Call Henry on +1 860 555 0106 or henry.castillo@example.org.", "Call Henry on [contact withheld] or [contact withheld].")]
    [InlineData("Bridge (860) 555-0150, PIN 314159.", "Bridge [contact withheld], PIN 314159.")]
    [InlineData("Isolated to the mail gateway; expect a fix by 14:30.", "Isolated to the mail gateway; expect a fix by 14:30.")]
    public void WithoutContacts_PhoneNumbersAndAddressesBlanked_OtherTextKept(string text, string shown) =>
        Assert.Equal(shown, StatusBoard.WithoutContacts(text));

    [Theory]
    [InlineData("Henry Castillo is on it; ask henry.castillo@example.org.", "[name withheld] is on it; ask [contact withheld].")]
    [InlineData("Spoke to henry  CASTILLO and Ana Lucia Reyes.", "Spoke to [name withheld] and [name withheld].")]
    [InlineData("Castillo's team and Henry are on it; Henry Castillon is not.", "Castillo's team and Henry are on it; Henry Castillon is not.")]
    [InlineData("Patched by Pat Doe's vendor.", "Patched by [name withheld]'s vendor.")]
    public void Redaction_FullNamesOfThePeopleGivenBlanked_SingleWordsAndLongerWordsKept(string text, string shown) =>
        Assert.Equal(shown, Redaction.Of(["Henry Castillo", "Lucia Reyes", "Ana Lucia Reyes", "Pat Doe", "Cher", null]).Apply(text));

    [Theory, DatabaseData]
    public async Task Viewer_SeesCurrentIncidentsWithTheLatestUpdate_AndNoContactData(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var services = await admin.GetAsync("/api/v1/services?q=E-mail").ExpectAsync(HttpStatusCode.OK);
        var serviceId = services.GetProperty("items")[0].GetProperty("id").GetGuid();
        var henry = (await admin.GetAsync("/api/v1/people?q=Henry%20Castillo").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        async Task<string> OpenAsync(string title)
        {
            var opened = await admin.PostJson("/api/v1/incidents", new { title, serviceId, severity = 1, reporterName = "Pat Doe", reporterContact = "pat.doe@example.org" })
                .ExpectAsync(HttpStatusCode.Created);
            return opened.GetProperty("number").GetString()!;
        }
        var current = await OpenAsync("E-mail is down");
        await admin.PostJson($"/api/v1/incidents/{current}/acknowledge", new { personId = henry, channel = "phone" }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{current}/status-updates", new { text = "First look." }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{current}/status-updates", new { text = "Isolated to the gateway by Henry Castillo. Questions: +1 860 555 0106 or henry.castillo@example.org; Pat Doe reported it." })
            .ExpectAsync(HttpStatusCode.OK);
        var over = await OpenAsync("E-mail was slow");
        await admin.PostJson($"/api/v1/incidents/{over}/acknowledge", new { personId = henry, channel = "phone" }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{over}/resolve", new { summary = "Fixed." }).ExpectAsync(HttpStatusCode.OK);

        using var response = await (await server.ClientAsAsync(LifelineRoles.Viewer)).GetAsync("/api/v1/status-page", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var page = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var incident = Assert.Single(page.GetProperty("incidents").EnumerateArray());
        Assert.Equal(current, incident.GetProperty("number").GetString());
        Assert.Equal("Acknowledged", incident.GetProperty("status").GetString());
        Assert.Equal("Isolated to the gateway by [name withheld]. Questions: [contact withheld] or [contact withheld]; [name withheld] reported it.",
            incident.GetProperty("latestUpdate").GetString());

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        foreach (var secret in await ContactDataAsync(db))
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
        await server.CreateClient().GetAsync("/api/v1/status-page").ExpectAsync(HttpStatusCode.Unauthorized);
        // No service is on the public page until an administrator puts it there.
        var anonymous = await server.CreateClient().GetAsync("/api/v1/status-page/public").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(anonymous.GetProperty("incidents").EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task PublicStatusPage_OnlyServicesAnAdminPutOnIt_AnonymousAndAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var mail = (await admin.GetAsync("/api/v1/services?q=E-mail").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        var mailId = mail.GetProperty("id").GetGuid();
        Assert.False(mail.GetProperty("onPublicStatusPage").GetBoolean());
        var other = (await admin.GetAsync("/api/v1/services?pageSize=100").ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("id").GetGuid() != mailId).GetProperty("id").GetGuid();
        async Task<string> OpenAsync(Guid serviceId, string title) =>
            (await admin.PostJson("/api/v1/incidents", new { title, serviceId, severity = 2, reporterName = "Pat Doe", reporterContact = "pat.doe@example.org" })
                .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetString()!;
        var shown = await OpenAsync(mailId, "E-mail is down");
        var hidden = await OpenAsync(other, "Something internal is down");
        await admin.PostJson($"/api/v1/incidents/{shown}/status-updates", new { text = "Henry Castillo found the cause: a full disk. Call +1 860 555 0106." })
            .ExpectAsync(HttpStatusCode.OK);

        // Only an administrator puts a service on the public page; the other fields stay as they were when left out.
        var change = new
        {
            name = mail.GetProperty("name").GetString(), serviceAreaId = mail.GetProperty("serviceAreaId").GetGuid(),
            escalationPolicyId = mail.GetProperty("escalationPolicyId").ValueKind == System.Text.Json.JsonValueKind.Null ? (Guid?)null : mail.GetProperty("escalationPolicyId").GetGuid(),
            onPublicStatusPage = true,
        };
        await (await server.ClientAsAsync(LifelineRoles.IncidentManager)).PutJson($"/api/v1/services/{mailId}", change).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var changed = await admin.PutJson($"/api/v1/services/{mailId}", change).ExpectAsync(HttpStatusCode.OK);
        Assert.True(changed.GetProperty("onPublicStatusPage").GetBoolean());
        Assert.Equal(mail.GetProperty("isMajorEnterpriseService").GetBoolean(), changed.GetProperty("isMajorEnterpriseService").GetBoolean());
        var audit = await admin.GetAsync($"/api/v1/audit-log?entityType=Service&entityId={mailId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.Items(), a => a.GetProperty("action").GetString() == "Updated"
            && a.GetProperty("before").GetString()!.Contains("\"OnPublicStatusPage\":false", StringComparison.Ordinal)
            && a.GetProperty("after").GetString()!.Contains("\"OnPublicStatusPage\":true", StringComparison.Ordinal));

        using var response = await server.CreateClient().GetAsync("/api/v1/status-page/public", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var incident = Assert.Single(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal(shown, incident.GetProperty("number").GetString());
        Assert.Equal("[name withheld] found the cause: a full disk. Call [contact withheld].", incident.GetProperty("latestUpdate").GetString());
        Assert.DoesNotContain(hidden, body, StringComparison.Ordinal);
        using var scope = server.Services.CreateScope();
        foreach (var secret in await ContactDataAsync(scope.ServiceProvider.GetRequiredService<LifelineDbContext>()))
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
        // The public page (/status) has the anonymous routes' limits, as the API endpoint does.
        var page = server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/status");
        Assert.Equal(Lifeline.Server.AnonymousTraffic.Policy, page.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName);
        Assert.NotNull(page.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());

        // Signed in, every service's incidents, as before.
        var signedIn = await (await server.ClientAsAsync(LifelineRoles.Viewer)).GetAsync("/api/v1/status-page").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, signedIn.GetProperty("incidents").GetArrayLength());
    }

    /// <summary>Every name, phone number (as stored and as its last seven digits) and e-mail address of the demo directory, and the reporter's.</summary>
    internal static async Task<List<string>> ContactDataAsync(LifelineDbContext db)
    {
        var values = await db.ContactMethods.Select(m => m.Value).ToListAsync();
        var teams = await db.Teams.Select(t => new { t.Phone, t.Email }).ToListAsync();
        var all = values.Concat(teams.SelectMany(t => new[] { t.Phone, t.Email })).OfType<string>().ToList();
        var digits = all.Where(v => !v.Contains('@')).Select(v => new string([.. v.Where(char.IsDigit)])).Where(d => d.Length >= 7).Select(d => d[^7..]);
        return [.. all, .. digits, .. await db.People.Select(p => p.Name).ToListAsync(), "pat.doe@example.org", "Pat Doe"];
    }
}
