using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>MFA is mandatory for the roles that see the Severity 1 contact list: the console enrols them before anything else.</summary>
public sealed class MfaTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task Technician_WithoutMfa_EnrolsAnAppFirstThenReachesTheDesk(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var userName = await People.AccountAsync(server, "Jamie Cole", enrolMfa: false, LifelineRoles.Level1Technician);
        var page = await browser.SignedInAsync(server, userName, People.Password);

        Assert.EndsWith("/account/mfa", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Sev 1 contact list" }).CountAsync());
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var secret = Base32Encoding.ToBytes(await page.Locator("#mfa-secret").InnerTextAsync());

        await page.GetByLabel("Code from the app").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn multi-factor authentication on" }).ClickAsync();
        await Expect(page.Locator("#mfa-code-error")).ToBeVisibleAsync();

        await page.GetByLabel("Code from the app").FillAsync(new Totp(secret).ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn multi-factor authentication on" }).ClickAsync();
        await Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to Lifeline" }).ClickAsync();
        await page.WaitForURLAsync("**/desk");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Open an incident");
    }
}
