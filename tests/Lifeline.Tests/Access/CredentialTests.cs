using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lifeline.Tests.Access;

/// <summary>Credentials stop working when they should: demotion, sign-out, a disabled account, a changed password, a rotated bootstrap token.</summary>
public sealed class CredentialTests
{
    private const string Password = "Right-password-123";

    private static async Task<(string UserName, Guid Id)> CreateAccountAsync(HttpClient admin, params string[] roles)
    {
        var userName = $"user-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostJson("/api/v1/accounts", new { userName, password = Password, roles }).ExpectAsync(HttpStatusCode.Created);
        return (userName, created.Id());
    }

    /// <summary>Signs in and returns the sign-in cookie as a header value, so the test can replay it later.</summary>
    private static async Task<string> CookieAsync(LifelineServer server, string userName)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await client.PostJson("/api/v1/auth/login", new { userName, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lifeline=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> WithCookieAsync(LifelineServer server, string cookie, string url)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory, DatabaseData]
    public async Task Cookie_AfterDemotionOrSignOut_NoLongerCarriesItsRights(DatabaseProvider provider)
    {
        // Without mandatory MFA, so that the cookie of a password sign-in carries the Admin role (MfaTests covers the gate).
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false,
            settings: new Dictionary<string, string?> { ["Lifeline:SignIn:MfaRequiredForRoles:0"] = "" });
        var admin = server.AdminClient();
        var (userName, id) = await CreateAccountAsync(admin, LifelineRoles.Admin);
        var cookie = await CookieAsync(server, userName);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(server, cookie, "/api/v1/accounts"));

        await admin.PutJson($"/api/v1/accounts/{id}/roles", new { roles = new[] { LifelineRoles.Viewer } }).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEqual(HttpStatusCode.OK, await WithCookieAsync(server, cookie, "/api/v1/accounts"));

        var second = await CookieAsync(server, userName);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(server, second, "/api/v1/me"));
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout"))
        {
            logout.Headers.Add("Cookie", second);
            using var response = await client.SendAsync(logout);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(server, second, "/api/v1/me"));
    }

    [Theory, DatabaseData]
    public async Task Disable_StopsPasswordCookieAndTokenAtOnce_EnableRestores(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();
        var (userName, id) = await CreateAccountAsync(admin, LifelineRoles.Viewer);
        var cookie = await CookieAsync(server, userName);
        var token = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName, password = Password }).ExpectAsync(HttpStatusCode.Created);
        var script = server.ClientWithToken(token.GetProperty("token").GetString()!);

        await admin.PostAsync($"/api/v1/accounts/{id}/disable", null).ExpectAsync(HttpStatusCode.OK);

        await script.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(server, cookie, "/api/v1/me"));
        await server.CreateClient().PostJson("/api/v1/auth/login", new { userName, password = Password }).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await admin.PostAsync($"/api/v1/accounts/{id}/enable", null).ExpectAsync(HttpStatusCode.OK);
        await script.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        await using var db = server.Database.CreateContext();
        Assert.Equal(["AccountCreated", "Disabled", "Enabled", "SignInFailed", "TokenIssued"],
            (await db.AuditLog.Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken)).Order());
    }

    [Theory, DatabaseData]
    public async Task DisableOrDelete_SelfOrLastAdmin_Refused(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();
        var adminId = (await server.AccountAsync("admin")).Id;

        await admin.PostAsync($"/api/v1/accounts/{adminId}/disable", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await admin.DeleteAsync($"/api/v1/accounts/{adminId}").ExpectProblemAsync(HttpStatusCode.Conflict);

        var (_, viewer) = await CreateAccountAsync(admin, LifelineRoles.Viewer);
        await admin.DeleteAsync($"/api/v1/accounts/{viewer}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/accounts/{viewer}/tokens").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task ChangePassword_RevokesTheAccountsTokens(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var (userName, _) = await CreateAccountAsync(server.AdminClient(), LifelineRoles.Viewer);
        var token = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName, password = Password }).ExpectAsync(HttpStatusCode.Created);
        var script = server.ClientWithToken(token.GetProperty("token").GetString()!);
        await script.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        await script.PostJson("/api/v1/me/password", new { currentPassword = Password, newPassword = "Another-password-456" }).ExpectAsync(HttpStatusCode.NoContent);

        await script.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task BootstrapToken_Rotated_OldOneStopsWorking(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        await server.AdminClient().GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        const string rotated = "llt_rotated-admin-token-0123456789abcdefghij";

        using (var scope = server.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            await new AdminBootstrap(sp.GetRequiredService<AccountService>(), sp.GetRequiredService<UserManager<Account>>(), sp.GetRequiredService<LifelineDbContext>(),
                Options.Create(new BootstrapOptions { AdminApiToken = rotated }), sp.GetRequiredService<IOptions<LifelineOptions>>(), TimeProvider.System, NullLogger<AdminBootstrap>.Instance).RunAsync(CancellationToken.None);
        }

        await server.AdminClient().GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await server.ClientWithToken(rotated).GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
    }
}
