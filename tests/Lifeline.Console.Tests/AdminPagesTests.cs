using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// An administrator keeps accounts in the console — creates one linked to a person, changes its roles, disables it — is
/// refused what would lock them out, and finds every change in the audit log and every clear read in the access log.
/// </summary>
public sealed class AdminPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task Accounts_CreateChangeRolesDisable_AllInTheAuditLog_OwnAccountCannotBeDisabled(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var me = await People.AccountAsync(server, "Morgan Hale", LifelineRoles.Admin);
        var page = await browser.SignedInAsync(server, me, People.Password, path: "/admin/accounts");
        await Browser.WaitForLiveAsync(page);
        var newUser = $"kim-{Guid.NewGuid():N}"[..12];

        // A bad first password is refused beside its field, and nothing is created.
        await page.GetByLabel("User name").FillAsync(newUser);
        await page.GetByLabel("First password").FillAsync("short");
        await page.GetByLabel("Person in the directory").SelectOptionAsync(new SelectOptionValue { Label = "Jamie Cole" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#new-password-error")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"li[data-account='{newUser}']").CountAsync());

        await page.GetByLabel("First password").FillAsync("Kim-first-password-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var row = page.Locator($"li[data-account='{newUser}']");
        await Expect(row).ToContainTextAsync("Jamie Cole");
        await Expect(row).ToContainTextAsync("Viewer");

        await row.GetByRole(AriaRole.Button, new() { Name = newUser }).ClickAsync();
        await row.GetByLabel("Responder").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Expect(row.Locator(".done")).ToHaveTextAsync("Roles saved.");
        await Expect(row).ToContainTextAsync("Responder, Viewer");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row.Locator(".tag.bad")).ToHaveTextAsync("disabled");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "admin-accounts");

        // Their own account: refused in words, still enabled.
        var mine = page.Locator($"li[data-account='{me}']");
        await mine.GetByRole(AriaRole.Button, new() { Name = me }).ClickAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(mine.Locator(".error")).ToContainTextAsync("You cannot disable or delete your own account");
        await Expect(mine.Locator(".tag.bad")).ToHaveCountAsync(0);

        await using (var db = server.Database.CreateContext())
        {
            var account = await db.Users.SingleAsync(u => u.UserName == newUser, TestContext.Current.CancellationToken);
            Assert.True(account.LockoutEnd?.Year >= 9999, $"locked out until {account.LockoutEnd}");
            var actions = await db.AuditLog.Where(e => e.EntityId == account.Id).Select(e => new { e.Action, e.Actor }).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["AccountCreated", "Disabled", "RolesChanged"], actions.Select(a => a.Action).Order());
            Assert.All(actions, a => Assert.Equal(me, a.Actor));
        }

        // The audit log page, narrowed to accounts and to this administrator, shows the three changes.
        await page.GotoAsync($"/admin/audit-log?entityType=Account&actor={me}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        var entries = page.Locator("table.log tbody tr");
        await Expect(entries.Filter(new() { HasText = "AccountCreated" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = "RolesChanged" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = "Disabled" })).ToHaveCountAsync(1);
        var csv = await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href");
        Assert.Equal($"/api/v1/audit-log?actor={me}&entityType=Account&format=csv", csv);

        // A date the page cannot read is refused beside the field.
        await page.GotoAsync("/admin/audit-log?from=2026-05-05&to=2026-05-01");
        await Expect(page.Locator("#audit-to-error")).ToContainTextAsync("To is on or after From.");
    }

    [Theory, DatabaseData]
    public async Task AdminPages_DesktopAndPhone_NoSeriousAxeViolation_AccessLogNamesWhoReadWhom(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var reader = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var henry = (await reader.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(System.Net.HttpStatusCode.OK)).Items()[0].Id();
        await reader.GetAsync($"/api/v1/people/{henry}/contact-methods").ExpectAsync(System.Net.HttpStatusCode.OK);
        var me = await People.AccountAsync(server, "Morgan Hale", LifelineRoles.Admin);

        foreach (var phone in new[] { false, true })
        {
            var page = await browser.SignedInAsync(server, me, People.Password, phone, path: "/admin");
            foreach (var (path, heading) in new[] { ("/admin", "Administration"), ("/admin/accounts", "Accounts"), ("/admin/audit-log", "Audit log"),
                ("/admin/access-log?person=castillo", "Contact access log") })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
                Assert.Empty(await Browser.SeriousViolationsAsync(page));
                Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, $"{path} is wider than the screen");
                await Screenshots.TakeAsync(page, $"admin{path.Split('?')[0].Replace('/', '-')}{(phone ? "-phone" : "")}");
            }
            var reads = page.Locator("table.log tbody tr");
            await Expect(reads.First).ToContainTextAsync("Henry Castillo");
            await Expect(reads.First).ToContainTextAsync("user-");
        }

        // Nobody but an administrator reaches them.
        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password, path: "/board");
        await manager.GotoAsync("/admin/audit-log");
        await Expect(manager.Locator("table.log")).ToHaveCountAsync(0);
    }
}
