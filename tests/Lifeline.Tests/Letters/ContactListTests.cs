using System.Net;
using Lifeline.Access;
using Lifeline.Letters;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Letters;

/// <summary>
/// The Severity 1 contact list ("password protected and for Level 1 use only"): masked for the roles not entitled to
/// contact data, in clear for a Level 1 technician with every clear read in the access log, and a masked PDF without any
/// cell number.
/// </summary>
public sealed class ContactListTests(SharedServers servers)
{
    private const string HenryCell = "+18605550106"; // Incident Manager 1, step 1 of the chain

    [Theory, DatabaseData]
    public async Task ContactList_AsViewerStakeholderResponder_MaskedAndNothingLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var cells = await server.CellNumbersAsync();
        foreach (var role in new[] { LifelineRoles.Viewer, LifelineRoles.Stakeholder, LifelineRoles.Responder })
        {
            var user = await server.SignInAsAsync(role);

            var list = await user.Client.GetAsync("/api/v1/contact-list").ExpectAsync(HttpStatusCode.OK);
            var (print, printResponse) = await user.Client.PageAsync("/contact-list/print");

            Assert.True(list.GetProperty("masked").GetBoolean(), role);
            var step1 = list.GetProperty("chains")[0].GetProperty("steps")[0];
            var henry = step1.GetProperty("people")[0];
            Assert.Equal("Henry Castillo", henry.GetProperty("name").GetString());
            var cell = henry.GetProperty("contacts")[0];
            Assert.Equal("CellPhone", cell.GetProperty("kind").GetString());
            Assert.True(cell.GetProperty("masked").GetBoolean());
            Assert.Equal("+1 ••• ••• 0106", cell.GetProperty("value").GetString());
            Assert.Equal(HttpStatusCode.OK, printResponse.StatusCode);
            Assert.Contains("Henry Castillo", print);
            Assert.Contains("withheld", print);
            foreach (var number in cells)
            {
                Assert.DoesNotContain(number, list.GetRawText());
                foreach (var spelling in LetterClients.Spellings(number).Take(4))
                {
                    Assert.DoesNotContain(spelling, print);
                }
            }
            Assert.Empty(await server.AccessLogOfAsync(user.AccountId));
        }
    }

    [Theory, DatabaseData]
    public async Task ContactList_AsLevel1Technician_ClearCellFirstAndAccessLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var technician = await server.SignInAsAsync(LifelineRoles.Level1Technician);

        var list = await technician.Client.GetAsync("/api/v1/contact-list").ExpectAsync(HttpStatusCode.OK);

        Assert.False(list.GetProperty("masked").GetBoolean());
        var chain = list.GetProperty("chains")[0];
        Assert.Equal("Severity 1 escalation", chain.GetProperty("policy").GetString());
        var steps = chain.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Incident Manager 1", "Incident Manager 1 Primary Backup"], steps.Take(2).Select(s => s.GetProperty("title").GetString()));
        var henry = steps[0].GetProperty("people")[0];
        var first = henry.GetProperty("contacts")[0];
        Assert.Equal("CellPhone", first.GetProperty("kind").GetString());
        Assert.Equal(HenryCell, first.GetProperty("dial").GetString());
        Assert.Equal("+1 860-555-0106", first.GetProperty("value").GetString());
        Assert.Contains("Aisha Karim", steps[1].GetRawText());
        Assert.Contains("service area", steps[2].GetProperty("note").GetString());
        var areas = list.GetProperty("serviceAreas").EnumerateArray().ToList();
        Assert.Contains(areas, a => a.GetProperty("manager").GetProperty("name").GetString() == "Leo Brandt");
        var notify = list.GetProperty("notify").EnumerateArray().Select(n => n.GetProperty("title").GetString()).ToList();
        Assert.Contains("Director of Operations", notify);

        var log = await server.AccessLogOfAsync(technician.AccountId);
        Assert.Contains(log, e => e.Purpose == $"{SeverityOneContactList.Purpose} (API)");
        await using var db = server.Database.CreateContext();
        var henryId = db.People.Single(p => p.Name == "Henry Castillo").Id;
        Assert.Contains(log, e => e.PersonId == henryId && e.Actor == technician.UserName);
    }

    [Theory, DatabaseData]
    public async Task ContactListPage_Level1Technician_MaskedUntilRevealAndTheRevealIsLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var technician = await server.SignInAsAsync(LifelineRoles.Level1Technician);

        var (page, response) = await technician.Client.PageAsync("/contact-list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reveal numbers", page);
        Assert.Contains("Henry Castillo", page);
        Assert.DoesNotContain("tel:" + HenryCell, page);
        Assert.Empty(await server.AccessLogOfAsync(technician.AccountId));

        // The page's Reveal button: the same call, as the signed-in technician, in a unit of work of its own.
        var actor = new Actor(technician.AccountId, technician.UserName, new HashSet<string> { LifelineRoles.Level1Technician }, null, "127.0.0.1");
        var revealed = await server.Services.GetRequiredService<IServiceScopeFactory>()
            .RunAsAsync<SeverityOneContactList, ContactListSheet>(actor, list => list.ReadAsync(actor, reveal: true, "console", CancellationToken.None));

        Assert.False(revealed.Masked);
        Assert.Equal(HenryCell, revealed.Chains[0].Steps[0].People[0].Contacts[0].Dial);
        Assert.Contains(await server.AccessLogOfAsync(technician.AccountId), e => e.Purpose == $"{SeverityOneContactList.Purpose} (console)" && e.RemoteAddress == "127.0.0.1");
    }

    [Theory, DatabaseData]
    public async Task ContactListPage_Viewer_IsRefused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);

        var (page, response) = await viewer.Client.PageAsync("/contact-list");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Henry Castillo", page);
    }

    [Theory, DatabaseData]
    public async Task ContactListPdf_Masked_HasNoCellNumbers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.SignInAsAsync(LifelineRoles.Viewer);
        var technician = await server.SignInAsAsync(LifelineRoles.Level1Technician);

        var masked = await viewer.Client.PdfTextAsync("/contact-list.pdf");
        var maskedByChoice = await technician.Client.PdfTextAsync("/contact-list.pdf?masked=true");
        var clear = LetterClients.Squeezed(await technician.Client.PdfTextAsync("/contact-list.pdf"));

        foreach (var text in new[] { masked, maskedByChoice })
        {
            var squeezed = LetterClients.Squeezed(text);
            Assert.Contains("HenryCastillo", squeezed);
            Assert.Contains("withheld", squeezed);
            foreach (var number in await server.CellNumbersAsync())
            {
                foreach (var spelling in LetterClients.Spellings(number).Take(4))
                {
                    Assert.DoesNotContain(LetterClients.Squeezed(spelling), squeezed);
                }
                Assert.DoesNotContain("•••" + number[^4..], squeezed);
            }
        }
        Assert.Contains("+1860-555-0106", clear);
        Assert.Contains("version", clear);
        Assert.Empty(await server.AccessLogOfAsync(viewer.AccountId));
        Assert.Contains(await server.AccessLogOfAsync(technician.AccountId), e => e.Purpose == $"{SeverityOneContactList.Purpose} (PDF)");
    }
}
