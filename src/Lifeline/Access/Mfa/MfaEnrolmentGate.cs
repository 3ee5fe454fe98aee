using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lifeline.Access.Mfa;

/// <summary>
/// Mandatory MFA (<c>Lifeline:SignIn:MfaRequiredForRoles</c>): a sign-in cookie of an account that must use MFA and has
/// not enrolled yet carries no roles, and on the API reaches only its own account (<c>GET /api/v1/me</c>), its enrolment
/// (<c>/api/v1/me/mfa/...</c>) and signing out (<c>POST /api/v1/auth/logout</c>); anything else is a 403 that says to
/// enrol first. The cookie's principal is made again from
/// the database on every request (the security stamp check), so enrolling lifts the gate at the next request, and an
/// administrator's reset brings it back. API tokens are not affected: scripts and the bootstrap admin token (the
/// break-glass door) keep working.
/// </summary>
/// <remarks>
/// Outside <c>/api/v1</c> (the console) the request goes on as a signed-in account with no roles and the
/// <see cref="PendingClaim"/>, which <see cref="Actor.MustEnrolMfa"/> reports: a console page shows the enrolment instead.
/// </remarks>
public static class MfaEnrolmentGate
{
    /// <summary>Set on an account's claims when MFA is on (made by <see cref="AccountClaims"/>).</summary>
    public const string EnabledClaim = "lifeline:mfa";

    /// <summary>Set on a cookie session that must enrol before anything else.</summary>
    public const string PendingClaim = "lifeline:mfa-enrolment-required";

    public static IApplicationBuilder UseMfaEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A single sign-on brings the provider's own MFA (Entra ID, Okta ...): the gate is for password sign-ins.
        if (IsCookieSession(context) && !context.User.HasClaim(EnabledClaim, "on")
            && !context.User.HasClaim(ClaimTypes.AuthenticationMethod, Oidc.OidcSetup.AuthenticationMethod))
        {
            var required = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.MfaRequiredRoles;
            var roleType = context.User.Identities.First().RoleClaimType;
            if (context.User.FindAll(roleType).Any(c => required.Contains(c.Value)))
            {
                context.User = WithoutRoles(context.User, roleType);
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api/v1") && !Allowed(path))
                {
                    await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Enrol MFA first",
                        detail: "Your roles require multi-factor authentication. Enrol an authenticator app first: POST /api/v1/me/mfa/enrolment, " +
                            "then POST /api/v1/me/mfa/confirm with a code from the app; then this works.",
                        extensions: new Dictionary<string, object?> { ["mfaEnrolmentRequired"] = true }).ExecuteAsync(context);
                    return;
                }
            }
        }
        await next(context);
    });

    private static bool IsCookieSession(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == IdentityConstants.ApplicationScheme;

    private static bool Allowed(PathString path) =>
        path.Equals("/api/v1/me", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/v1/me/", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/me/mfa", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/api/v1/auth/logout", StringComparison.OrdinalIgnoreCase);

    private static ClaimsPrincipal WithoutRoles(ClaimsPrincipal user, string roleType)
    {
        var identity = user.Identities.First();
        var pending = new ClaimsIdentity(identity.Claims.Where(c => c.Type != roleType), identity.AuthenticationType, identity.NameClaimType, roleType);
        pending.AddClaim(new Claim(PendingClaim, "true"));
        return new ClaimsPrincipal(pending);
    }
}
