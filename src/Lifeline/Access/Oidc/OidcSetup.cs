using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Lifeline.Access.Oidc;

/// <summary>
/// Single sign-on with OpenID Connect (authorization code with PKCE), configured from <see cref="OidcOptions"/>. The
/// provider's answer is checked by ASP.NET Core's handler (signature, issuer, audience = our client id, lifetime,
/// nonce); the person is then matched to an account (<see cref="OidcAccounts"/>) and signed in with the same sign-in
/// cookie a password gives. The browser starts at <c>GET /signin/oidc?returnUrl=/</c> (the console's sign-in page links
/// to it) and comes back to <c>/signin-oidc</c>.
/// </summary>
public static class OidcSetup
{
    /// <summary>The authentication method a single sign-on leaves on the sign-in cookie (the provider did the MFA).</summary>
    public const string AuthenticationMethod = "oidc";

    private const string RefusalItem = "lifeline:oidc-refusal";

    public static AuthenticationBuilder AddLifelineOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var section = configuration.GetSection(OidcOptions.Section);
        authentication.Services.AddOptions<OidcOptions>().Bind(section)
            .Validate(o => !o.Enabled || (!string.IsNullOrWhiteSpace(o.ClientId) && Uri.TryCreate(o.Authority, UriKind.Absolute, out _)),
                $"{OidcOptions.Section}:Authority must be an absolute URL and {OidcOptions.Section}:ClientId is required.")
            .Validate(o => o.Roles.Values.All(r => LifelineRoles.Normalise(r) is not null),
                $"{OidcOptions.Section}:Roles maps a group to a role that does not exist; roles are {string.Join(", ", LifelineRoles.All)}.")
            .ValidateOnStart();
        authentication.Services.AddScoped<OidcAccounts>();
        var settings = section.Get<OidcOptions>() ?? new();
        if (!settings.Enabled)
        {
            return authentication;
        }
        return authentication.AddOpenIdConnect(OidcOptions.Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.TokenValidationParameters.ClockSkew = settings.ClockSkew;
            o.TokenValidationParameters.ValidAudience = settings.ClientId;
            o.Events.OnTokenValidated = SignInAsync;
            o.Events.OnRemoteFailure = RefuseAsync;
        });
    }

    /// <summary>Starts the sign-in at the provider; afterwards the browser goes to <c>returnUrl</c> (a path of this server).</summary>
    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin/oidc", (string? returnUrl, IOptions<OidcOptions> options) => options.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) }, [OidcOptions.Scheme])
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "Single sign-on is not configured (Lifeline:Oidc:Authority)."))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Only a path on this server: anything else would make the sign-in an open redirect.</summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2000 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private static async Task SignInAsync(TokenValidatedContext context)
    {
        var http = context.HttpContext;
        var resolved = await http.RequestServices.GetRequiredService<OidcAccounts>()
            .ResolveAsync(context.Principal!, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (resolved.Account is not { } account)
        {
            http.Items[RefusalItem] = resolved.Refusal;
            context.Fail(resolved.Refusal ?? "refused");
            return;
        }
        await http.RequestServices.GetRequiredService<SignInManager<Account>>().SignInAsync(account, isPersistent: false, AuthenticationMethod);
        context.HandleResponse();
        await ContinueAsync(http, LocalPath(context.Properties?.RedirectUri));
    }

    /// <summary>
    /// Goes on to the page the sign-in started from with a page of our own rather than a redirect: the way here began at
    /// the provider (another site), and browsers do not send a <c>SameSite=Strict</c> cookie on a redirect at the end of
    /// such a chain; a navigation started by this page is same-site, so the new sign-in cookie goes with it.
    /// </summary>
    private static async Task ContinueAsync(HttpContext http, string path)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(path);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
        await http.Response.WriteAsync($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={encoded}\">" +
            $"<title>Signed in</title></head><body><p>Signed in. <a href=\"{encoded}\">Continue</a>.</p></body></html>", http.RequestAborted);
    }

    private static async Task RefuseAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var ours = http.Items[RefusalItem] as string;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup))
            .LogWarning("A single sign-on failed: {Reason}", ours ?? context.Failure?.Message);
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Single sign-on failed",
            detail: ours ?? "The identity provider's answer could not be accepted (not for Lifeline, expired, or not signed as expected). Try again, or sign in with a password.")
            .ExecuteAsync(http);
    }

    /// <summary>Keeps the sign-in's authentication method when the cookie's principal is made again from the database.</summary>
    public static void KeepAuthenticationMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimTypes.AuthenticationMethod) is { } method && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(ClaimTypes.AuthenticationMethod, method.Value))
        {
            identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method.Value));
        }
    }
}
