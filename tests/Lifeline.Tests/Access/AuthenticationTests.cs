using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Access;

public sealed class AuthenticationTests(SharedServers servers)
{
    private const string Password = "Right-password-123";

    private static readonly string[] ListEndpoints =
    [
        "/api/v1/people", "/api/v1/roles", "/api/v1/teams", "/api/v1/service-areas", "/api/v1/services",
        "/api/v1/accounts", "/api/v1/audit-log", "/api/v1/access-log", "/api/v1/me", "/api/v1/me/tokens",
    ];

    [Theory, DatabaseData]
    public async Task AnonymousRequest_EveryListEndpoint_Is401Problem(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var anonymous = server.CreateClient();
        foreach (var url in ListEndpoints)
        {
            var problem = await anonymous.GetAsync(url).ExpectProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory, DatabaseData]
    public async Task AnonymousRequest_EveryApiOperationInOpenApi_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var anonymous = server.CreateClient();
        var document = await anonymous.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var checkedOperations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            // Anonymous by design: signing in, the customer's survey link (the token in the link is the credential), the public status page.
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || path.Name is "/api/v1/auth/login" or "/api/v1/auth/token"
                || path.Name.StartsWith("/api/v1/surveys/", StringComparison.Ordinal)
                // The public status page: only the services an admin put on it, no names or contacts (tested with it).
                || path.Name is "/api/v1/status-page/public"
                // Twilio's webhooks carry Twilio's signature instead of a token (tested with them).
                || path.Name.StartsWith("/api/v1/twilio/", StringComparison.Ordinal))
            {
                continue;
            }
            var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", m => m.Value == "{level}" ? "1" : Guid.NewGuid().ToString());
            foreach (var operation in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                {
                    Content = operation.Name is "post" or "put" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
                };
                await anonymous.SendAsync(request).ExpectProblemAsync(HttpStatusCode.Unauthorized);
                checkedOperations++;
            }
        }
        Assert.True(checkedOperations > 30, $"Only {checkedOperations} operations found in the OpenAPI document.");
    }

    [Theory, DatabaseData]
    public async Task PublicEndpoints_Anonymous_AreOk(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var anonymous = server.CreateClient();
        foreach (var url in new[] { "/healthz", "/readyz", "/openapi/v1.json", "/api/v1/status-page/public", "/status" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Theory, DatabaseData]
    public async Task BearerToken_Valid_AuthenticatesAsItsAccount(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var me = await viewer.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([LifelineRoles.Viewer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await viewer.GetAsync("/api/v1/people").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_Unknown_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.ClientWithToken("llt_" + new string('x', 43)).GetAsync("/api/v1/people").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_Revoked_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var issued = await viewer.PostJson("/api/v1/me/tokens", new { name = "to revoke" }).ExpectAsync(HttpStatusCode.Created);
        var token = server.ClientWithToken(issued.GetProperty("token").GetString()!);
        await token.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        await viewer.DeleteAsync($"/api/v1/me/tokens/{issued.Id()}").ExpectAsync(HttpStatusCode.NoContent);

        await token.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await viewer.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_RevokedByAdmin_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var issued = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName = account, password = Password })
            .ExpectAsync(HttpStatusCode.Created);
        var token = server.ClientWithToken(issued.GetProperty("token").GetString()!);
        var accountId = (await server.AccountAsync(account)).Id;

        await server.AdminClient().DeleteAsync($"/api/v1/accounts/{accountId}/tokens/{issued.Id()}").ExpectAsync(HttpStatusCode.NoContent);

        await token.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_RolesChangedByAdmin_TakeEffectOnTheNextRequest(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var issued = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName = account, password = Password })
            .ExpectAsync(HttpStatusCode.Created);
        var token = server.ClientWithToken(issued.GetProperty("token").GetString()!);
        var accountId = (await server.AccountAsync(account)).Id;
        await token.GetAsync("/api/v1/accounts").ExpectProblemAsync(HttpStatusCode.Forbidden);

        await server.AdminClient().PutJson($"/api/v1/accounts/{accountId}/roles", new { roles = new[] { LifelineRoles.Admin } }).ExpectAsync(HttpStatusCode.OK);
        await token.GetAsync("/api/v1/accounts").ExpectAsync(HttpStatusCode.OK);

        await server.AdminClient().PutJson($"/api/v1/accounts/{accountId}/roles", new { roles = new[] { LifelineRoles.Viewer } }).ExpectAsync(HttpStatusCode.OK);
        await token.GetAsync("/api/v1/accounts").ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_Expired_Is401(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time, seedDemoData: false);
        var issued = await server.AdminClient().PostJson("/api/v1/me/tokens", new { name = "one day", expiresInDays = 1 })
            .ExpectAsync(HttpStatusCode.Created);
        var token = server.ClientWithToken(issued.GetProperty("token").GetString()!);
        await token.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        time.Advance(TimeSpan.FromHours(23));
        await token.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromHours(2));
        await token.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await server.AdminClient().GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task Login_WrongPassword_Is401(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var client = server.CreateClient();
        await client.PostJson("/api/v1/auth/login", new { userName = account, password = "Wrong-password-123" }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await client.PostJson("/api/v1/auth/token", new { userName = account, password = "Wrong-password-123" }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await client.PostJson("/api/v1/auth/login", new { userName = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = Password }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await client.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task Login_WrongPasswords_SlowedDownNotLockedAndTokensKeepWorking(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var (account, accountId) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var client = server.CreateClient();
        var token = await client.PostJson("/api/v1/auth/token", new { userName = account, password = Password, tokenName = "script" }).ExpectAsync(HttpStatusCode.Created);
        var script = server.ClientWithToken(token.GetProperty("token").GetString()!);
        for (var i = 1; i <= 5; i++)
        {
            await client.PostJson("/api/v1/auth/login", new { userName = account, password = $"Wrong-password-{i}" }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Slowed down: even the right password waits, and says when to come back.
        using var throttled = await client.PostJson("/api/v1/auth/login", new { userName = account, password = Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await client.PostJson("/api/v1/auth/token", new { userName = account, password = Password }).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        // ... but nothing is locked: the account's API token still works, and no lockout is recorded.
        await script.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        var accounts = await server.AdminClient().GetAsync($"/api/v1/accounts?q={account}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, accounts.Items().Single().GetProperty("lockedOutUntil").ValueKind);
        await using var db = server.Database.CreateContext();
        Assert.Equal(5, await db.AuditLog.CountAsync(e => e.EntityId == accountId && e.Action == "SignInFailed", TestContext.Current.CancellationToken));
    }

    [Theory, DatabaseData]
    public async Task Login_ManyWrongAdminPasswords_BootstrapAdminTokenKeepsWorking(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var client = server.CreateClient();
        for (var i = 1; i <= 12; i++)
        {
            using var _ = await client.PostJson("/api/v1/auth/login", new { userName = "admin", password = $"Guess-number-{i}" });
        }

        await server.AdminClient().GetAsync("/api/v1/accounts").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task Login_UnknownAndKnownName_SameAnswersAllTheWay(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var (known, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var client = server.CreateClient();

        for (var i = 1; i <= 6; i++)
        {
            using var forKnown = await client.PostJson("/api/v1/auth/login", new { userName = known, password = $"Wrong-password-{i}" });
            using var forUnknown = await client.PostJson("/api/v1/auth/login", new { userName = unknown, password = $"Wrong-password-{i}" });
            Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
            var (a, b) = (JsonDocument.Parse(await forKnown.Content.ReadAsStringAsync()).RootElement, JsonDocument.Parse(await forUnknown.Content.ReadAsStringAsync()).RootElement);
            Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
            Assert.Equal(a.GetProperty("detail").GetString()![..20], b.GetProperty("detail").GetString()![..20]);
            Assert.Equal(i <= 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, forKnown.StatusCode);
        }
    }

    [Theory, DatabaseData]
    public async Task Login_ManyFailuresFromOneAddress_SlowsEveryAccountFromIt(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Lifeline:SignIn:FailuresPerAddress"] = "3" },
            seedDemoData: false);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var client = server.CreateClient();
        for (var i = 1; i <= 3; i++)
        {
            await client.PostJson("/api/v1/auth/login", new { userName = $"spray-{i}", password = "Summer-2026!" }).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        await client.PostJson("/api/v1/auth/login", new { userName = account, password = Password }).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Theory, DatabaseData]
    public async Task Unlock_ByNonAdmin_Is403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (_, accountId) = await CreateAccountAsync(server, LifelineRoles.Viewer);
        var technician = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        await technician.PostAsync($"/api/v1/accounts/{accountId}/unlock", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task Login_RightPassword_SetsCookieThatAuthenticates(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Stakeholder);
        var browser = server.CreateClient(); // keeps cookies, like a browser
        await browser.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);

        using (var login = await browser.PostJson("/api/v1/auth/login", new { userName = account, password = Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lifeline=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var me = await browser.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(account, me.GetProperty("userName").GetString());
        await browser.GetAsync("/api/v1/people").ExpectAsync(HttpStatusCode.OK);
        await server.CreateClient().GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await browser.PostAsync("/api/v1/auth/logout", null).ExpectAsync(HttpStatusCode.NoContent);
        await browser.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task AuthToken_RightPassword_ReturnsTokenOnlyOnce(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (account, _) = await CreateAccountAsync(server, LifelineRoles.Responder);
        var issued = await server.CreateClient().PostJson("/api/v1/auth/token", new { userName = account, password = Password, tokenName = "my laptop" })
            .ExpectAsync(HttpStatusCode.Created);
        var secret = issued.GetProperty("token").GetString()!;
        Assert.StartsWith(ApiToken.Prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret);

        var client = server.ClientWithToken(secret);
        Assert.Equal(account, (await client.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK)).GetProperty("userName").GetString());
        using var list = await client.GetAsync("/api/v1/me/tokens");
        var body = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("my laptop", body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Tokens_Issued_AreStoredOnlyAsHashes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var issued = await viewer.PostJson("/api/v1/me/tokens", new { name = "hash check" }).ExpectAsync(HttpStatusCode.Created);
        var secret = issued.GetProperty("token").GetString()!;

        await using var db = server.Database.CreateContext();
        var tokens = await db.ApiTokens.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var stored = Assert.Single(tokens, t => t.Id == issued.Id());
        Assert.Equal(ApiToken.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(tokens, t => t.Hash.Contains(secret, StringComparison.Ordinal) || t.Name.Contains(secret, StringComparison.Ordinal)
            || secret.Length <= t.Hint.Length);
        // Nor the bootstrap token.
        Assert.DoesNotContain(tokens, t => t.Hash == LifelineServer.AdminToken);
        Assert.Contains(tokens, t => t.Hash == ApiToken.HashOf(LifelineServer.AdminToken));
    }

    private static async Task<(string UserName, Guid Id)> CreateAccountAsync(LifelineServer server, params string[] roles)
    {
        var userName = $"user-{Guid.NewGuid():N}"[..20];
        var created = await server.AdminClient().PostJson("/api/v1/accounts", new { userName, password = Password, roles })
            .ExpectAsync(HttpStatusCode.Created);
        return (userName, created.Id());
    }
}
