using System.Security.Claims;
using Lifeline.Access.Mfa;
using Lifeline.Api;
using Lifeline.Server;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access;

/// <summary>Signing in (cookie for the web UI, token for programs) and the caller's own account and tokens.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapPost("/login", Login).AllowAnonymous().AsAnonymousEntry(BodyLimits.Small).WithSummary("Sign in with user name and password (sets the sign-in cookie)")
            .WithDescription("Failed sign-ins are slowed down per account and per client address: after 5 for an account (50 from an address), " +
                "429 with Retry-After until the next try is allowed. Nothing is locked, and API tokens keep working. An account with MFA also gives \"code\" " +
                "(the authenticator's code or a recovery code); without it, the right password gets 401 with \"mfaRequired\": true.");
        auth.MapPost("/token", LoginForToken).AllowAnonymous().AsAnonymousEntry(BodyLimits.Small).WithSummary("Exchange user name and password for a new personal API token (used by the CLI)");
        auth.MapPost("/logout", Logout).WithSummary("Sign out (clears the cookie)");

        var me = api.MapGroup("/me").WithTags("Authentication");
        me.MapGet("/", Me).WithSummary("The signed-in account and its roles");
        me.MapPost("/password", ChangePassword).WithSummary("Change your password");
        me.MapGet("/tokens", ListTokens).WithSummary("Your API tokens (never their values)");
        me.MapPost("/tokens", CreateToken).WithSummary("Create an API token; its value is shown only in this response");
        me.MapDelete("/tokens/{id:guid}", RevokeToken).WithSummary("Revoke one of your API tokens");
        return api;
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Login(LoginRequest request, PasswordSignIn passwords, SignInManager<Account> signIn,
        UserManager<Account> users, HttpContext http, CancellationToken ct)
    {
        var (account, failure) = await CheckPasswordAsync(request.UserName, request.Password, request.Code, passwords, http, ct);
        if (account is null)
        {
            return failure!;
        }
        // An account that must enrol MFA still gets its cookie: MfaEnrolmentGate lets it reach only its enrolment.
        await signIn.SignInAsync(account, isPersistent: false);
        return TypedResults.Ok(await ViewAsync(account, users));
    }

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult, ValidationProblem>> LoginForToken(
        TokenLoginRequest request, PasswordSignIn passwords, AccountService accounts, SecondFactor mfa, LifelineDbContext db, HttpContext http, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(request.TokenName) ? "lifeline CLI" : request.TokenName.Trim();
        if (name.Length > 100)
        {
            return Problems.Invalid("tokenName", "tokenName is at most 100 characters.");
        }
        var (account, failure) = await CheckPasswordAsync(request.UserName, request.Password, request.Code, passwords, http, ct);
        if (account is null)
        {
            return failure!;
        }
        // A token is not gated like a cookie: an account that must enrol MFA gets none until it has.
        if (await mfa.MustEnrolAsync(account))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Enrol MFA first",
                detail: "Your roles require multi-factor authentication: sign in (POST /api/v1/auth/login) and enrol an authenticator app first.",
                extensions: new Dictionary<string, object?> { ["mfaEnrolmentRequired"] = true });
        }
        var (token, secret) = await accounts.IssueTokenAsync(account, name, null, ct);
        var self = new Actor(account.Id, account.UserName!, new HashSet<string>(StringComparer.Ordinal), account.PersonId, http.Connection.RemoteIpAddress?.ToString());
        AccountAudit.Record(db, self, token.CreatedAt, account.Id, "TokenIssued", new { token.Name, token.Hint });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new IssuedToken(token.Id, token.Name, secret, token.ExpiresAt));
    }

    private static async Task<(Account? Account, ProblemHttpResult? Failure)> CheckPasswordAsync(string? userName, string? password, string? code,
        PasswordSignIn passwords, HttpContext http, CancellationToken ct)
    {
        var (account, refusal) = await passwords.CheckAsync(userName, password, code, http.Connection.RemoteIpAddress?.ToString(), ct);
        if (refusal is null)
        {
            return (account, null);
        }
        if (refusal.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return (null, TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title,
            extensions: refusal.MfaRequired ? new Dictionary<string, object?> { ["mfaRequired"] = true } : null));
    }

    private static async Task<NoContent> Logout(HttpContext http, CancellationToken ct)
    {
        await SignOutAsync(http, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Signs the request's cookie session out: the API's logout and the console's sign-out button.</summary>
    internal static async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Account>>();
        var user = http.User;
        // A new security stamp ends every sign-in cookie of the account, this one included: a copy of the cookie
        // taken before signing out is worth nothing afterwards.
        // Only a cookie session signs out; a request with an API token has nothing to end (revoke the token instead).
        if (user.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && await users.GetUserAsync(user) is { } account)
        {
            (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
            var db = services.GetRequiredService<LifelineDbContext>();
            AccountAudit.Record(db, services.GetRequiredService<CurrentActor>().Actor, services.GetRequiredService<TimeProvider>().GetUtcNow(), account.Id, "SignedOut");
            await db.SaveChangesAsync(ct);
        }
        await services.GetRequiredService<SignInManager<Account>>().SignOutAsync();
    }

    private static async Task<Results<Ok<AccountView>, UnauthorizedHttpResult>> Me(ClaimsPrincipal user, UserManager<Account> users)
    {
        var account = await users.GetUserAsync(user);
        return account is null ? TypedResults.Unauthorized() : TypedResults.Ok(await ViewAsync(account, users));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(PasswordChangeRequest request, Actor actor, OwnAccount own,
        CancellationToken ct) =>
        await own.ChangePasswordAsync(actor, request.CurrentPassword, request.NewPassword, ct) is { Refusal: { } refusal } ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Ok<List<TokenView>>> ListTokens(Actor actor, OwnAccount own, CancellationToken ct) => TypedResults.Ok(await own.TokensAsync(actor, ct));

    private static async Task<Results<Created<IssuedToken>, ValidationProblem, ProblemHttpResult>> CreateToken(TokenRequest request, Actor actor, OwnAccount own, CancellationToken ct) =>
        await own.CreateTokenAsync(actor, request.Name, request.ExpiresInDays, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<IssuedToken>>()
            : TypedResults.Created($"/api/v1/me/tokens/{outcome.Value!.Id}", outcome.Value);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeToken(Guid id, Actor actor, OwnAccount own, CancellationToken ct) =>
        await own.RevokeTokenAsync(actor, id, ct) is { Refusal: { } refusal } ? refusal.As<NoContent>() : TypedResults.NoContent();

    internal static async Task<AccountView> ViewAsync(Account account, UserManager<Account> users) =>
        new(account.Id, account.UserName!, account.PersonId, [.. (await users.GetRolesAsync(account)).Order()], account.LockoutEnd, account.TwoFactorEnabled);
}
