using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Server;

/// <summary>Low finding: no HSTS option, and no <c>Secure</c> cookie behind a TLS-terminating proxy.</summary>
public sealed class ProxyTests
{
    private const string Password = "Right-password-123";

    /// <summary>Every request arrives from this address, as from a load balancer in front of Lifeline.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<HttpResponseMessage> LoginAsync(LifelineServer server, string userName, bool forwardedHttps)
    {
        var client = server.CreateClient();
        client.BaseAddress = new Uri("http://lifeline.example.org");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent(userName) };
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        return await client.SendAsync(request);
    }

    private static StringContent JsonContent(string userName) =>
        new($"{{\"userName\":\"{userName}\",\"password\":\"{Password}\"}}", System.Text.Encoding.UTF8, "application/json");

    private static string Cookie(HttpResponseMessage response) => response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lifeline=", StringComparison.Ordinal));

    [Theory, DatabaseData]
    public async Task BehindTrustedTlsProxy_CookieSecureAndHsts_ClientAddressAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, settings: new Dictionary<string, string?>
        {
            ["Lifeline:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Lifeline:Https:Hsts"] = "true",
        }, services: s => s.AddSingleton<IStartupFilter, FromProxy>());
        var userName = $"proxy-{Guid.NewGuid():N}"[..16];
        await server.AdminClient().PostJson("/api/v1/accounts", new { userName, password = Password, roles = new[] { LifelineRoles.Viewer } }).ExpectAsync(HttpStatusCode.Created);

        using (var https = await LoginAsync(server, userName, forwardedHttps: true))
        {
            Assert.Equal(HttpStatusCode.OK, https.StatusCode);
            Assert.Contains("secure", Cookie(https), StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("max-age=31536000", https.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }
        using (var plain = await LoginAsync(server, userName, forwardedHttps: false))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.DoesNotContain("secure", Cookie(plain), StringComparison.OrdinalIgnoreCase);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        }
        // The client behind the proxy is who the sign-in throttle and the audit log see.
        await LoginFailsAsync(server, userName);
        await using var db = server.Database.CreateContext();
        Assert.Contains(db.AuditLog.Where(e => e.Action == "SignInFailed").Select(e => e.Actor), a => a.Contains("203.0.113.9", StringComparison.Ordinal));
    }

    private static async Task LoginFailsAsync(LifelineServer server, string userName)
    {
        var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent($"{{\"userName\":\"{userName}\",\"password\":\"Wrong-password-123\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task NoProxyConfigured_ForwardedHeadersIgnored(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false,
            settings: new Dictionary<string, string?> { ["Lifeline:Https:Hsts"] = "true" }, services: s => s.AddSingleton<IStartupFilter, FromProxy>());
        var userName = $"proxy-{Guid.NewGuid():N}"[..16];
        await server.AdminClient().PostJson("/api/v1/accounts", new { userName, password = Password, roles = new[] { LifelineRoles.Viewer } }).ExpectAsync(HttpStatusCode.Created);

        using var response = await LoginAsync(server, userName, forwardedHttps: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secure", Cookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
