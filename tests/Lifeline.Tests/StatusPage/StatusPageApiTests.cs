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
        await admin.PostJson($"/api/v1/incidents/{current}/status-updates", new { text = "Isolated to the gateway. Questions: +1 860 555 0106 or henry.castillo@example.org." })
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
        Assert.Equal("Isolated to the gateway. Questions: [contact withheld] or [contact withheld].", incident.GetProperty("latestUpdate").GetString());

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        foreach (var secret in await ContactDataAsync(db))
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
        await server.CreateClient().GetAsync("/api/v1/status-page").ExpectAsync(HttpStatusCode.Unauthorized);
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
