using Lifeline.OidcStandIn;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>Single sign-on in a real browser, against a real OpenID Connect provider (OpenIddict) the test starts.</summary>
public sealed class SingleSignOnTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly OidcProvider.Person Desk = new("sso-subject-0002", "sso.desk@example.org", "sso.desk", ["lifeline-managers"]);

    [Theory, DatabaseData]
    public async Task SignInPage_SingleSignOnButton_GoesThroughTheProviderAndLandsOnTheBoardWithMappedRoles(DatabaseProvider provider)
    {
        await using var idp = await OidcProvider.StartAsync(Desk);
        var settings = new Dictionary<string, string?>(idp.Settings())
        {
            ["Lifeline:Oidc:CreateAccounts"] = "true",
            ["Lifeline:Oidc:DisplayName"] = "Example Entra ID",
            ["Lifeline:Oidc:Roles:lifeline-managers"] = "IncidentManager",
        };
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true, settings: settings);
        var page = await browser.NewPageAsync(server);

        await page.GotoAsync("/board");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Example Entra ID" }).ClickAsync();

        await page.WaitForURLAsync("**/board");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Incident board");
        await Expect(page.Locator(".signout .who")).ToHaveTextAsync("sso.desk");
    }
}
