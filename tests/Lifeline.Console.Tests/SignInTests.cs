using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>Signing in and out of the console, as a person on a phone following a page's link would.</summary>
public sealed class SignInTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task LinkFromAPage_NotSignedIn_SignsInAndComesBackToTheIncident(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        var userName = await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager);
        var phone = await browser.NewPageAsync(server, phone: true);

        // The API reference stays at /api; the console's pages send a stranger to sign in.
        Assert.True((await phone.GotoAsync("/api"))!.Ok);
        await phone.GotoAsync($"/incidents/{number}");
        Assert.Contains("/signin?returnUrl=", phone.Url, StringComparison.Ordinal);

        // A wrong password and an unknown user get the same words, which name neither.
        await phone.GetByLabel("User name").FillAsync(userName);
        await phone.GetByLabel("Password").FillAsync("not-the-password-123");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var wrongPassword = await phone.Locator("#signin-error").InnerTextAsync();
        await phone.GetByLabel("User name").FillAsync("nobody-by-that-name");
        await phone.GetByLabel("Password").FillAsync("not-the-password-123");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Equal(wrongPassword, await phone.Locator("#signin-error").InnerTextAsync());
        Assert.DoesNotContain(userName, wrongPassword, StringComparison.Ordinal);

        // An empty field is named beside it and nothing is tried.
        await phone.GetByLabel("User name").FillAsync("");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(phone.Locator("#username-error, .validation-message").First).ToContainTextAsync("Enter your user name");

        await phone.GetByLabel("User name").FillAsync(userName);
        await phone.GetByLabel("Password").FillAsync(People.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await phone.WaitForURLAsync($"**/incidents/{number}");
        await Browser.WaitForLiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);

        // Signing out ends the session: the incident page asks to sign in again.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await phone.WaitForURLAsync("**/signin");
        await phone.GotoAsync($"/incidents/{number}");
        Assert.Contains("/signin", phone.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnUrl_ElsewhereThanThisServer_GoesToTheStartPage()
    {
        Assert.Equal("/", Lifeline.Console.SignIn.SignInPage.SafeReturnUrl("https://evil.example.com/"));
        Assert.Equal("/", Lifeline.Console.SignIn.SignInPage.SafeReturnUrl("//evil.example.com/"));
        Assert.Equal("/", Lifeline.Console.SignIn.SignInPage.SafeReturnUrl("/\\evil.example.com/"));
        Assert.Equal("/incidents/INC-2026-000001", Lifeline.Console.SignIn.SignInPage.SafeReturnUrl("/incidents/INC-2026-000001"));
    }
}
