using System.Net;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// Issue 13, part 1, the rest of "My details": a person sees their own on-call shifts in every schedule, makes an API
/// token (shown once, working at once), revokes it, and changes their password (signed out, the new one works). The
/// same <c>OwnAccount</c> and <c>PersonShifts</c> services as the API; every change in the audit log.
/// </summary>
public sealed class MyAccountPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task Person_SeesOwnShifts_MakesAndRevokesAToken_ChangesPassword_AllAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        // Henry Castillo takes part in the demo's two Incident Manager 1 rotations.
        var account = await People.AccountAsync(server, "Henry Castillo", LifelineRoles.Responder);
        var henry = await browser.SignedInAsync(server, account, People.Password);

        // My on-call shifts: both rotations over the next four weeks, and the calendar feed to subscribe to.
        await henry.GotoAsync("/me/shifts");
        await Browser.WaitForLiveAsync(henry);
        await Expect(henry.Locator("li.my-shift").First).ToBeVisibleAsync();
        await Expect(henry.Locator("ul.my-shifts")).ToContainTextAsync("Incident Manager 1 rotation");
        await Expect(henry.Locator("ul.my-shifts")).ToContainTextAsync("Incident Manager 1 backup rotation");
        await Expect(henry.Locator("a[href^='webcal://']")).ToBeVisibleAsync();
        Assert.Empty(await Browser.SeriousViolationsAsync(henry));
        await Screenshots.TakeAsync(henry, "me-shifts");

        // A token: no name is refused beside the field; a named one is shown once and works at once.
        await henry.GetByRole(AriaRole.Link, new() { Name = "My API tokens" }).ClickAsync();
        await henry.WaitForURLAsync(new Regex("/account/tokens$"));
        await Browser.WaitForLiveAsync(henry);
        await henry.GetByRole(AriaRole.Button, new() { Name = "Make token" }).ClickAsync();
        await Expect(henry.Locator("#token-name-error")).ToBeVisibleAsync();
        await henry.GetByLabel("Name (what it is for)").FillAsync("deploy script");
        await henry.GetByLabel("Expires after (days; empty: never)").FillAsync("30");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Make token" }).ClickAsync();
        var value = await henry.Locator("#issued-token").InnerTextAsync();
        Assert.StartsWith("llt_", value, StringComparison.Ordinal);
        using var script = server.ClientWithToken(value);
        Assert.Equal(account, (await script.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK)).GetProperty("userName").GetString());
        var listed = henry.Locator("li.token[data-token='deploy script']");
        await Expect(listed).ToContainTextAsync("expires");
        Assert.Empty(await Browser.SeriousViolationsAsync(henry));
        await Screenshots.TakeAsync(henry, "me-tokens");

        await listed.GetByRole(AriaRole.Button, new() { Name = "Revoke the token deploy script" }).ClickAsync();
        await Expect(henry.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await Expect(listed).ToContainTextAsync("revoked");
        await Expect(henry.Locator("#issued-token")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/me")).StatusCode);

        // The password: a wrong current one beside its field, nothing changed; then changed, signed out, the new one works.
        await henry.GetByRole(AriaRole.Link, new() { Name = "Password" }).ClickAsync();
        await henry.WaitForURLAsync(new Regex("/account/password$"));
        await Browser.WaitForLiveAsync(henry);
        await henry.GetByLabel("Current password").FillAsync("Not-the-password-1");
        await henry.GetByLabel("New password", new() { Exact = true }).FillAsync("Henrys-new-password-42");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(henry.Locator("#current-password-error")).ToHaveTextAsync("That is not your current password.");
        Assert.Empty(await Browser.SeriousViolationsAsync(henry));
        await henry.GetByLabel("Current password").FillAsync(People.Password);
        await henry.GetByLabel("New password", new() { Exact = true }).FillAsync("Henrys-new-password-42");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(henry.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");
        await henry.GotoAsync("/board");
        await henry.WaitForURLAsync(new Regex("/signin"));
        var again = await browser.SignedInAsync(server, account, "Henrys-new-password-42");
        await Expect(again.GetByRole(AriaRole.Link, new() { Name = "My details" })).ToBeVisibleAsync();

        // Every change is in the audit log, under Henry's account.
        var audit = await server.AdminClient().GetAsync($"/api/v1/audit-log?actor={account}&entityType=Account").ExpectAsync(HttpStatusCode.OK);
        var mine = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("TokenIssued", mine);
        Assert.Contains("TokenRevoked", mine);
        Assert.Contains("PasswordChanged", mine);
    }

    [Fact]
    public async Task Shifts_OnAPhone_NoSidewaysScrollingAndNoSeriousAxeViolation()
    {
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        var page = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.Responder), People.Password, phone: true);
        foreach (var path in new[] { "/me/shifts", "/account/tokens", "/account/password" })
        {
            await page.GotoAsync(path);
            await Browser.WaitForLiveAsync(page);
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, $"{path} wider than the screen");
        }
        await Screenshots.TakeAsync(page, "me-shifts-phone");
    }
}
