using System.Net;
using Lifeline.Access;
using Lifeline.Letters;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Letters;

/// <summary>The organisation-wide emergency contact letter at /letter, /letter.pdf and GET /api/v1/letter.</summary>
public sealed class LetterTests(SharedServers servers)
{
    private const string HelpDeskNumber = "+1 860-555-0100";

    private static async Task<List<(string Name, string Responsibilities)>> RolesAsync(LifelineServer server)
    {
        await using var db = server.Database.CreateContext();
        return [.. (await db.DirectoryRoles.AsNoTracking().Where(r => r.Responsibilities != null).ToListAsync()).Select(r => (r.Name, r.Responsibilities!))];
    }

    [Theory, DatabaseData]
    public async Task LetterPage_SignedIn_HasHelpDeskNumberAndEveryRolesResponsibilities(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);

        var (html, response) = await viewer.Client.PageAsync("/letter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(HelpDeskNumber, html);
        Assert.Contains("href=\"tel:+18605550100\"", html);
        Assert.Contains("helpdesk@example.org", html);
        var roles = await RolesAsync(server);
        Assert.True(roles.Count >= 10);
        foreach (var (name, responsibilities) in roles)
        {
            Assert.Contains(name, html);
            Assert.Contains(responsibilities, html);
        }
        Assert.Contains("Help Desk", html);
        Assert.Contains("IT Manager", html);
        Assert.Contains("Chief Technology Officer", html);
        Assert.Contains("no drills are scheduled in Lifeline yet", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("generated on", html);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory, DatabaseData]
    public async Task LetterPdf_SignedIn_HasHelpDeskNumberAndEveryRolesResponsibilities(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);
        var version = (await viewer.Client.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK)).GetProperty("version").GetString()!;

        var text = LetterClients.SqueezedWithoutFooters(await viewer.Client.PdfTextAsync("/letter.pdf"));

        Assert.Contains(LetterClients.Squeezed(HelpDeskNumber), text);
        foreach (var (name, responsibilities) in await RolesAsync(server))
        {
            Assert.Contains(LetterClients.Squeezed(name), text);
            Assert.Contains(LetterClients.Squeezed(responsibilities), text);
        }
        Assert.Contains(LetterClients.Squeezed(LetterWording.NoDrills), text);
        Assert.Contains($"version{version}", text);
        Assert.Contains("generatedon", text);
    }

    [Theory, DatabaseData]
    public async Task Letter_NotSignedIn_PageGoesToSignInAndApiIs401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var anonymous = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await anonymous.GetAsync("/letter");
        using var pdf = await anonymous.GetAsync("/letter.pdf");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        await anonymous.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task Letter_AsViewer_GeneralEditionMaskedAndNotLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);

        var letter = await viewer.Client.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK);
        var (html, _) = await viewer.Client.PageAsync("/letter");
        var pdf = LetterClients.Squeezed(await viewer.Client.PdfTextAsync("/letter.pdf"));

        Assert.Equal("General", letter.GetProperty("edition").GetString());
        // Dana Whitfield, the IT Manager: her office number is on the full edition only.
        foreach (var spelling in LetterClients.Spellings("+18605550201"))
        {
            Assert.DoesNotContain(spelling, letter.GetRawText());
            Assert.DoesNotContain(spelling, html);
            Assert.DoesNotContain(LetterClients.Squeezed(spelling), pdf);
        }
        Assert.Contains("Dana Whitfield", html);
        Assert.Empty(await server.AccessLogOfAsync(viewer.AccountId));
    }

    [Theory, DatabaseData]
    public async Task Letter_AsLevel1Technician_FullEditionInClearAndAccessLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var technician = await server.SignInAsAsync(LifelineRoles.Level1Technician);

        var (html, _) = await technician.Client.PageAsync("/letter");
        var first = await technician.Client.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK);
        var second = await technician.Client.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("href=\"tel:+18605550201\"", html);
        Assert.Contains("+1 860-555-0201", html);
        Assert.Contains("+18005550199", html); // the 24/7 hotline
        Assert.Equal("Full", first.GetProperty("edition").GetString());
        // The same directory gives the same version: a printed copy can be checked against the page.
        Assert.Equal(first.GetProperty("version").GetString(), second.GetProperty("version").GetString());
        Assert.Contains(first.GetProperty("version").GetString()!, html);
        var log = await server.AccessLogOfAsync(technician.AccountId);
        Assert.Contains(log, e => e.Purpose == EmergencyContactLetter.Purpose);
        await using var db = server.Database.CreateContext();
        var dana = await db.People.Where(p => p.Name == "Dana Whitfield").Select(p => p.Id).SingleAsync();
        Assert.Equal(3, log.Count(e => e.PersonId == dana));
    }

    [Theory, DatabaseData]
    public async Task Letter_Settings_DrillScheduleAndHierarchyComeFromConfiguration(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Letter:Organisation"] = "Department of Information Technology",
            ["Lifeline:Letter:Hierarchy:0"] = "Incident Manager 1",
            ["Lifeline:Letter:Hierarchy:1"] = "IT Director",
            ["Lifeline:Letter:DrillSchedule"] = "Bi-monthly, on the first Tuesday of odd months",
        });

        var letter = await server.AdminClient().GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Department of Information Technology", letter.GetProperty("organisation").GetString());
        Assert.Equal(["Incident Manager 1", "IT Director"], letter.GetProperty("hierarchy").EnumerateArray().Select(h => h.GetProperty("role").GetString()));
        Assert.Equal("Bi-monthly, on the first Tuesday of odd months", letter.GetProperty("drillSchedule").GetString());
        Assert.True(letter.GetProperty("drillsScheduled").GetBoolean());
    }

    [Theory, DatabaseData]
    public async Task Letter_DrillSchedules_ListsTheNextDrillInTheSchedulesZone_PageAndPdfToo(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var service = (await admin.GetAsync("/api/v1/services?q=E-mail").ExpectAsync(HttpStatusCode.OK)).Items()[0].GetProperty("id").GetGuid();
        var policy = (await admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK)).Items()[0];
        // A month ahead, a whole hour in New York: the letter says it in that zone's words.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(30), zone).DateTime;
        var first = new DateTime(local.Year, local.Month, local.Day, 10, 0, 0, DateTimeKind.Unspecified);
        await admin.PostJson("/api/v1/drill-schedules", new
        {
            name = "Bi-monthly Severity 1 drill", serviceId = service, policyId = policy.GetProperty("id").GetGuid(), recurrence = "FREQ=MONTHLY;INTERVAL=2",
            firstAt = first.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), timeZone = "America/New_York",
        }).ExpectAsync(HttpStatusCode.Created);
        var words = first.ToString("dddd d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var expected = $"{words} (America/New_York): E-mail, escalation policy {policy.GetProperty("name").GetString()} (Bi-monthly Severity 1 drill)";

        var letter = await admin.GetAsync("/api/v1/letter").ExpectAsync(HttpStatusCode.OK);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);
        var (html, _) = await viewer.Client.PageAsync("/letter");
        var pdf = LetterClients.Squeezed(await viewer.Client.PdfTextAsync("/letter.pdf"));

        Assert.True(letter.GetProperty("drillsScheduled").GetBoolean());
        Assert.Equal(LetterWording.DrillsFromSchedules, letter.GetProperty("drillSchedule").GetString());
        var next = Assert.Single(letter.GetProperty("nextDrills").EnumerateArray());
        Assert.Equal(new DateTimeOffset(first, zone.GetUtcOffset(first)), next.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(words, next.GetProperty("localTime").GetString());
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), html, StringComparison.Ordinal);
        Assert.DoesNotContain(LetterWording.NoDrills, html, StringComparison.Ordinal);
        Assert.Contains(LetterClients.Squeezed(expected), pdf, StringComparison.Ordinal);
    }
}
