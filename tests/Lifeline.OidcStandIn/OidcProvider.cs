using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lifeline.OidcStandIn;

/// <summary>
/// An OpenID Connect provider (OpenIddict's server, authorization code flow with PKCE, signed JWT identity tokens,
/// discovery and keys at the usual addresses) on 127.0.0.1, that signs in one <see cref="Person"/> without asking. It
/// can be told to answer wrongly, as a misconfigured or hostile provider might: an identity token for another client
/// (<see cref="Flaw.WrongAudience"/>), or one that has expired by the time it arrives (<see cref="Flaw.Expired"/>).
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "lifeline";
    public const string ClientSecret = "lifeline-test-client-secret";
    public const string OtherClientId = "some-other-application";

    public enum Flaw { None, WrongAudience, Expired }

    /// <summary>Who the provider says signed in.</summary>
    public sealed record Person(string Subject, string Email, string UserName, IReadOnlyList<string> Groups, bool EmailVerified = true);

    private readonly WebApplication _app;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Url { get; private set; } = "";

    private OidcProvider(WebApplication app) => _app = app;

    public static async Task<OidcProvider> StartAsync(Person person, Flaw flaw = Flaw.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            // No database: the requests are checked by the handlers below instead of against stored applications.
            o.EnableDegradedMode();
            o.SetIdentityTokenLifetime(flaw == Flaw.Expired ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(10));
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();

            var expected = flaw == Flaw.WrongAudience ? OtherClientId : ClientId;
            if (flaw == Flaw.WrongAudience)
            {
                // The provider acts as if another application had asked: its identity token is addressed to that one.
                o.AddEventHandler<OpenIddictServerEvents.ExtractAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
                {
                    context.Request!.ClientId = OtherClientId;
                    return default;
                }).SetOrder(int.MaxValue - 100_000));
                o.AddEventHandler<OpenIddictServerEvents.ExtractTokenRequestContext>(b => b.UseInlineHandler(context =>
                {
                    context.Request!.ClientId = OtherClientId;
                    return default;
                }).SetOrder(int.MaxValue - 100_000));
            }
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != expected)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != expected || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }
                return default;
            }));
            if (flaw == Flaw.Expired)
            {
                // The identity token lives one second; the answer that carries it is two seconds late.
                o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(b => b.UseInlineHandler(async context =>
                    await Task.Delay(TimeSpan.FromSeconds(2.5))).SetOrder(int.MinValue + 100_000));
            }
        });
        var app = builder.Build();
        app.MapGet("/connect/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, person.Subject));
            identity.AddClaim(new Claim(Claims.Email, person.Email));
            identity.AddClaim(new Claim(Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.AddClaim(new Claim(Claims.PreferredUsername, person.UserName));
            identity.AddClaim(new Claim(Claims.Name, person.UserName));
            foreach (var group in person.Groups)
            {
                identity.AddClaim(new Claim("groups", group));
            }
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return code.Principal is { } principal
                ? Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Results.Forbid(null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        await app.StartAsync();
        return new OidcProvider(app) { Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/" };
    }

    /// <summary>Lifeline's settings for this provider, as configuration keys and values.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Lifeline:Oidc:Authority"] = Url,
        ["Lifeline:Oidc:ClientId"] = ClientId,
        ["Lifeline:Oidc:ClientSecret"] = ClientSecret,
        ["Lifeline:Oidc:RequireHttpsMetadata"] = "false",
        ["Lifeline:Oidc:ClockSkew"] = "00:00:00",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
