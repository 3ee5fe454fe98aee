using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// The CSV import page, on a desktop and on a phone: an admin uploads 200 people with 3 bad rows, the preview names exactly
/// those rows and why and nothing is stored; the corrected file is applied and all 200 are stored.
/// </summary>
public sealed class PeopleImportPageTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>A preview of 200 rows writes them all and rolls back: seconds, more on a loaded machine.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    [Theory, DatabaseData]
    public async Task PeopleImportPage_200RowsWith3Bad_PreviewShowsThoseRowsThenFixedFileApplies(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var admin = server.AdminClient();
        var team = TestData.Unique("Page Team");
        var role = TestData.Unique("Page Role");
        await admin.CreateTeamAsync(team);
        await admin.PostJson("/api/v1/roles", new { name = role }).ExpectAsync(HttpStatusCode.Created);
        var directory = System.IO.Directory.CreateTempSubdirectory("lifeline-import-page-");
        try
        {
            foreach (var phone in new[] { false, true })
            {
                var sample = new PeopleCsvSample(TestData.Unique(phone ? "Phone" : "Desk"), team, role);
                var bad = Path.Combine(directory.FullName, $"people-{phone}-bad.csv");
                var good = Path.Combine(directory.FullName, $"people-{phone}.csv");
                await File.WriteAllTextAsync(bad, sample.WithThreeBadRows(), TestContext.Current.CancellationToken);
                await File.WriteAllTextAsync(good, sample.Good(), TestContext.Current.CancellationToken);

                // An account per sign-in: a second sign-in with the same authenticator code would be a replay.
                var account = await People.AccountAsync(server, null, LifelineRoles.Admin);
                var page = await browser.SignedInAsync(server, account, People.Password, phone, path: "/directory");
                await Browser.WaitForLiveAsync(page);
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" })).ToHaveAttributeAsync("href", "/api/v1/people/export?format=csv");
                await page.GetByRole(AriaRole.Link, new() { Name = "Import people from CSV" }).ClickAsync();
                await page.WaitForURLAsync("**/people/import");
                await Browser.WaitForLiveAsync(page);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import people", Exact = true })).ToBeVisibleAsync();

                await page.Locator("input#import-file").SetInputFilesAsync(bad);

                await Expect(page.Locator(".import-summary")).ToContainTextAsync("3 of 200 row(s) have errors; nothing was stored", Slow);
                var errorRows = page.Locator("table.import-rows tr.has-errors");
                await Expect(errorRows).ToHaveCountAsync(3);
                foreach (var (line, says) in PeopleCsvSample.BadRows)
                {
                    var row = errorRows.Filter(new() { Has = page.Locator("td[data-label=Row]", new() { HasTextRegex = new($"^{line}$") }) });
                    await Expect(row).ToContainTextAsync(says);
                    await Expect(row).ToContainTextAsync("Not imported");
                }
                await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Apply") })).ToHaveCountAsync(0);
                Assert.Equal(0, await CountAsync(server, sample.Tag));
                Assert.Empty(await Browser.SeriousViolationsAsync(page));
                Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
                await Screenshots.TakeAsync(page, phone ? "people-import-errors-phone" : "people-import-errors");

                await page.Locator("input#import-file").SetInputFilesAsync(good);
                await Expect(page.Locator(".import-summary")).ToContainTextAsync("200 to create, 0 to update, 0 unchanged: nothing stored yet (preview)", Slow);
                Assert.Equal(0, await CountAsync(server, sample.Tag));
                await page.GetByRole(AriaRole.Button, new() { Name = "Apply: store 200 people" }).ClickAsync();

                await Expect(page.Locator(".import-summary")).ToContainTextAsync("200 to create, 0 to update, 0 unchanged: stored.", Slow);
                await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Stored: 200 added" })).ToBeVisibleAsync();
                Assert.Equal(200, await CountAsync(server, sample.Tag));
                Assert.Empty(await Browser.SeriousViolationsAsync(page));
                Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
                await Screenshots.TakeAsync(page, phone ? "people-import-applied-phone" : "people-import-applied");
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<int> CountAsync(LifelineServer server, string tag)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.CountAsync(p => p.Name.StartsWith(tag));
    }
}
