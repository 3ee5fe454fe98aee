using System.Net.Http.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The status page: a director's landing page, and no contact data in its HTML for anyone, whatever their role.</summary>
public sealed class StatusPageTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task StatusPage_EveryRole_ShowsTheLatestUpdateAndNoContactData(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        using (var api = server.AdminClient())
        {
            var henry = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/people?q=Henry%20Castillo")).GetProperty("items")[0].GetProperty("id").GetGuid();
            (await api.PostAsJsonAsync($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "phone" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync($"/api/v1/incidents/{number}/status-updates",
                new { text = "Isolated to the mail gateway. Call Henry Castillo on +1 860 555 0106 or write to henry.castillo@example.org." })).EnsureSuccessStatusCode();
        }
        List<string> secrets;
        using (var scope = server.Services.CreateScope())
        {
            secrets = await ContactDataAsync(scope.ServiceProvider.GetRequiredService<LifelineDbContext>());
        }

        var director = await browser.SignedInAsync(server, await People.AccountAsync(server, "Grace Okafor", LifelineRoles.Stakeholder), People.Password);
        Assert.EndsWith("/status-page", director.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(director, "status-page-desktop");
        var phone = await browser.SignedInAsync(server, await People.AccountAsync(server, null, LifelineRoles.Viewer), People.Password, phone: true);
        Assert.EndsWith("/status-page", phone.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(phone, "status-page-phone");
        var admin = await browser.SignedInAsync(server, await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician, LifelineRoles.IncidentManager, LifelineRoles.Admin), People.Password);
        await admin.GotoAsync("/status-page");

        foreach (var page in new[] { director, phone, admin })
        {
            var card = page.Locator($"[data-incident='{number}']");
            await Expect(card).ToContainTextAsync("Isolated to the mail gateway. Call [name withheld] on [contact withheld] or write to [contact withheld].");
            await Expect(card).ToContainTextAsync("E-mail");
            // The page's own HTML (the signed-in account's name in the header aside): none of the directory's names,
            // phone numbers or e-mail addresses, nor the reporter's.
            var html = await page.Locator("#main").InnerHTMLAsync();
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
            }
            var violations = await Browser.SeriousViolationsAsync(page);
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
    }

    [Theory, DatabaseData]
    public async Task PublicStatusPage_NotSignedIn_ShowsOnlyServicesAnAdminPutOnIt_OnAPhoneWithoutSidewaysScrolling(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        using (var api = server.AdminClient())
        {
            (await api.PostAsJsonAsync($"/api/v1/incidents/{number}/status-updates",
                new { text = "Isolated to the mail gateway by Henry Castillo; call +1 860 555 0106 for the bridge." })).EnsureSuccessStatusCode();
        }
        var anonymous = await browser.NewPageAsync(server, phone: true);
        await anonymous.GotoAsync("/status");
        await Expect(anonymous.GetByText("No incidents are open on the services listed here")).ToBeVisibleAsync();
        await Expect(anonymous.Locator($"[data-incident='{number}']")).ToHaveCountAsync(0);

        using (var api = server.AdminClient())
        {
            var mail = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/services?q=e-mail")).GetProperty("items")[0];
            (await api.PutAsJsonAsync($"/api/v1/services/{mail.GetProperty("id").GetGuid()}",
                new { name = mail.GetProperty("name").GetString(), serviceAreaId = mail.GetProperty("serviceAreaId").GetGuid(), onPublicStatusPage = true })).EnsureSuccessStatusCode();
        }
        await anonymous.ReloadAsync();
        var card = anonymous.Locator($"[data-incident='{number}']");
        await Expect(card).ToContainTextAsync("Isolated to the mail gateway by [name withheld]; call [contact withheld] for the bridge.");
        Assert.EndsWith("/status", anonymous.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(anonymous, "status-public-phone");
        List<string> secrets;
        using (var scope = server.Services.CreateScope())
        {
            secrets = await ContactDataAsync(scope.ServiceProvider.GetRequiredService<LifelineDbContext>());
        }
        var html = await anonymous.ContentAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.True(await anonymous.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the phone");
        var violations = await Browser.SeriousViolationsAsync(anonymous);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>Every name, phone number (as stored and as its last seven digits) and e-mail address of the demo directory, and the reporter's.</summary>
    private static async Task<List<string>> ContactDataAsync(LifelineDbContext db)
    {
        var values = await db.ContactMethods.Select(m => m.Value).ToListAsync();
        var teams = await db.Teams.Select(t => new { t.Phone, t.Email }).ToListAsync();
        var all = values.Concat(teams.SelectMany(t => new[] { t.Phone, t.Email })).OfType<string>().ToList();
        var digits = all.Where(v => !v.Contains('@')).Select(v => new string([.. v.Where(char.IsDigit)])).Where(d => d.Length >= 7).Select(d => d[^7..]);
        return [.. all, .. digits, .. await db.People.Select(p => p.Name).ToListAsync(), "pat.doe@example.org", "Pat Doe"];
    }
}
