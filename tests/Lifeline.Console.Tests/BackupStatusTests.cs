using Lifeline.Access;
using Lifeline.Backups;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>Administrators see where backups stand at the foot of the console; nobody else does.</summary>
public sealed class BackupStatusTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Footer_LastBackupFailed_AdminSeesItInRed_IncidentManagerSeesNothing()
    {
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        var now = DateTimeOffset.UtcNow;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var good = BackupRecord.OnDemand(now.AddDays(-1));
            good.Succeed(now.AddDays(-1).AddMinutes(1), "lifeline-good", 1024, 100, new string('a', 64));
            var bad = BackupRecord.OnDemand(now.AddMinutes(-10));
            bad.Fail(now.AddMinutes(-9), "pg_dump: disk full");
            db.Backups.AddRange(good, bad);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var admin = await browser.SignedInAsync(server, await People.AccountAsync(server, "Morgan Hale", LifelineRoles.Admin), People.Password, path: "/board");
        await Browser.WaitForLiveAsync(admin);
        var line = admin.Locator("#backup-status");
        await Expect(line).ToContainTextAsync("The last backup failed.");
        await Expect(line).ToContainTextAsync("failed (pg_dump: disk full)");
        await Expect(line).ToContainTextAsync("Last good one");
        Assert.Contains("warn", await line.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Empty(await Browser.SeriousViolationsAsync(admin));
        await Screenshots.TakeAsync(admin, "backup-status-failed");

        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password, path: "/board");
        await Browser.WaitForLiveAsync(manager);
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Incident board" })).ToBeVisibleAsync();
        await Expect(manager.Locator("#backup-status")).ToHaveCountAsync(0);
    }
}
