using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.OidcStandIn;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Access;

/// <summary>Finding 11, the server side: single sign-on against a real OpenID Connect provider (OpenIddict) started by the test.</summary>
public sealed class OidcTests
{
    private static readonly OidcProvider.Person Sso = new("sso-subject-0001", "sso.admin@example.org", "sso.admin", ["lifeline-admins", "staff"]);

    /// <summary>
    /// A browser: keeps cookies, follows redirects, and goes to the provider over the network and to Lifeline (in
    /// process, as https://localhost) through the test server.
    /// </summary>
    private sealed class Browser(LifelineServer lifeline) : IDisposable
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _lifeline = new(lifeline.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost") };
        private readonly HttpClient _network = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        public List<Uri> Visited { get; } = [];

        public async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
        {
            var uri = new Uri(new Uri("https://localhost"), url);
            for (var hop = 0; hop < 10; hop++)
            {
                Visited.Add(uri);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (_cookies.GetCookieHeader(uri) is { Length: > 0 } cookies)
                {
                    request.Headers.Add("Cookie", cookies);
                }
                using var response = await (uri.Host == "localhost" ? _lifeline : _network).SendAsync(request);
                if (response.Headers.TryGetValues("Set-Cookie", out var set))
                {
                    foreach (var cookie in set)
                    {
                        _cookies.SetCookies(uri, cookie);
                    }
                }
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    continue;
                }
                var body = await response.Content.ReadAsStringAsync();
                // A page that moves on by itself (<meta http-equiv="refresh">), as a browser follows it.
                if (System.Text.RegularExpressions.Regex.Match(body, "http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"") is { Success: true } refresh)
                {
                    uri = new Uri(uri, WebUtility.HtmlDecode(refresh.Groups[1].Value));
                    continue;
                }
                return (response.StatusCode, body);
            }
            throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", Visited));
        }

        public void Dispose()
        {
            _lifeline.Dispose();
            _network.Dispose();
        }
    }

    private static Dictionary<string, string?> Settings(OidcProvider provider, bool createAccounts = true) => new(provider.Settings())
    {
        ["Lifeline:Oidc:CreateAccounts"] = createAccounts ? "true" : "false",
        ["Lifeline:Oidc:Roles:lifeline-admins"] = "Admin",
        ["Lifeline:Oidc:Roles:lifeline-desk"] = "Level1Technician",
    };

    [Theory, DatabaseData]
    public async Task SignIn_ThroughTheProvider_CreatesTheAccountWithMappedRolesAndSignsIn(DatabaseProvider provider)
    {
        await using var idp = await OidcProvider.StartAsync(Sso);
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, settings: Settings(idp));
        using var browser = new Browser(server);

        var (status, body) = await browser.GetAsync("/signin/oidc?returnUrl=/api/v1/me");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body} via {string.Join(" → ", browser.Visited)}");
        Assert.Contains(browser.Visited, u => u.AbsoluteUri.StartsWith(idp.Url + "connect/authorize", StringComparison.Ordinal));
        var me = JsonDocument.Parse(body).RootElement;
        Assert.Equal("sso.admin", me.GetProperty("userName").GetString());
        Assert.Equal([LifelineRoles.Admin], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // The provider did the second factor: an Admin's single sign-on is not held at the MFA enrolment.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/accounts")).Status);
        // The local admin stays the break-glass door: its token works beside single sign-on.
        await server.AdminClient().GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        await using var db = server.Database.CreateContext();
        var account = await db.Users.SingleAsync(u => u.UserName == "sso.admin", TestContext.Current.CancellationToken);
        Assert.Equal("sso.admin@example.org", account.Email);
        Assert.Null(account.PasswordHash);
        var actions = await db.AuditLog.Where(e => e.EntityId == account.Id).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("AccountCreated", actions);
        Assert.Contains("SignedIn", actions);
    }

    [Theory, DatabaseData]
    public async Task SignIn_IdentityTokenForAnotherClient_Refused(DatabaseProvider provider)
    {
        await using var idp = await OidcProvider.StartAsync(Sso, OidcProvider.Flaw.WrongAudience);
        var logs = new LogCollector();
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, settings: Settings(idp), logs: logs);
        using var browser = new Browser(server);

        var (status, body) = await browser.GetAsync("/signin/oidc?returnUrl=/api/v1/me");

        Assert.True(status == HttpStatusCode.Unauthorized, $"{status}: {body}");
        Assert.Contains("Single sign-on failed", body, StringComparison.Ordinal);
        // Refused by Lifeline for the audience (IDX10214), not by the provider.
        Assert.Contains(logs.Messages, m => m.Contains("A single sign-on failed", StringComparison.Ordinal) && m.Contains("IDX10214", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).Status);
        await using var db = server.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "sso.admin", TestContext.Current.CancellationToken));
    }

    [Theory, DatabaseData]
    public async Task SignIn_ExpiredIdentityToken_Refused(DatabaseProvider provider)
    {
        await using var idp = await OidcProvider.StartAsync(Sso, OidcProvider.Flaw.Expired);
        var logs = new LogCollector();
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, settings: Settings(idp), logs: logs);
        using var browser = new Browser(server);

        var (status, body) = await browser.GetAsync("/signin/oidc?returnUrl=/api/v1/me");

        Assert.True(status == HttpStatusCode.Unauthorized, $"{status}: {body}");
        // Refused by Lifeline for the lifetime (IDX10223: expired), not by the provider.
        Assert.Contains(logs.Messages, m => m.Contains("A single sign-on failed", StringComparison.Ordinal) && m.Contains("IDX10223", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).Status);
    }

    [Theory, DatabaseData]
    public async Task SignIn_NoAccountAndCreationOff_RefusedWithAReason(DatabaseProvider provider)
    {
        await using var idp = await OidcProvider.StartAsync(Sso);
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, settings: Settings(idp, createAccounts: false));
        using var browser = new Browser(server);

        var (status, body) = await browser.GetAsync("/signin/oidc?returnUrl=https://evil.example.org/");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("no Lifeline account", body, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnUrl_OnlyPathsOfThisServer() =>
        Assert.Equal(["/", "/", "/", "/incidents/INC-1"], new[] { "https://evil.example.org/", "//evil.example.org", "/\\evil", "/incidents/INC-1" }.Select(Lifeline.Access.Oidc.OidcSetup.LocalPath));
}
