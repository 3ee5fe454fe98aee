using System.Security.Claims;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Access.Mfa;

/// <summary>The caller's own multi-factor authentication (<c>/me/mfa</c>) and an administrator's reset of someone else's.</summary>
public static class MfaApi
{
    public static RouteGroupBuilder MapMfaApi(this RouteGroupBuilder api)
    {
        var mfa = api.MapGroup("/me/mfa").WithTags("Authentication");
        mfa.MapGet("/", Status).WithSummary("Whether your account uses MFA, must use it, and how many recovery codes are left");
        mfa.MapPost("/enrolment", Start).WithSummary("Start enrolling an authenticator app: the secret and an otpauth:// URI (for a QR code), shown once")
            .WithDescription("Replaces an enrolment not yet confirmed. Refused (409) while MFA is on.");
        mfa.MapPost("/confirm", Confirm).WithSummary("Confirm the enrolment with a code from the app: MFA is on, and 10 recovery codes are shown once");
        mfa.MapPost("/disable", Disable).WithSummary("Turn MFA off with a current code or an unused recovery code; your other sign-in sessions end")
            .WithDescription("Wrong codes count as failed sign-ins (429 with Retry-After after too many).");
        api.MapPost("/accounts/{id:guid}/mfa/reset", Reset).WithTags("Accounts").RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove an account's MFA (a lost authenticator): it enrols again at its next sign-in; its sign-in sessions end");
        return api;
    }

    private static async Task<Results<Ok<MfaStatus>, UnauthorizedHttpResult>> Status(ClaimsPrincipal user, UserManager<Account> users, SecondFactor mfa, CancellationToken ct) =>
        await users.GetUserAsync(user) is { } account ? TypedResults.Ok(await mfa.StatusAsync(account, ct)) : TypedResults.Unauthorized();

    private static async Task<Results<Ok<MfaEnrolmentStart>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> Start(ClaimsPrincipal user,
        UserManager<Account> users, SecondFactor mfa, CancellationToken ct)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return TypedResults.Unauthorized();
        }
        var (started, refusal) = await mfa.StartAsync(account, ct);
        if (refusal is null)
        {
            return TypedResults.Ok(started);
        }
        return refusal.Errors is { } errors ? Invalid(errors) : Problem(refusal);
    }

    private static async Task<Results<Ok<MfaRecoveryCodes>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> Confirm(MfaCodeRequest request,
        ClaimsPrincipal user, UserManager<Account> users, SecondFactor mfa, Actor actor, CancellationToken ct)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return TypedResults.Unauthorized();
        }
        var (codes, refusal) = await mfa.ConfirmAsync(account, request.Code, actor, ct);
        if (refusal is null)
        {
            return TypedResults.Ok(codes);
        }
        return refusal.Errors is { } errors ? Invalid(errors) : Problem(refusal);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> Disable(MfaCodeRequest request,
        ClaimsPrincipal user, UserManager<Account> users, SecondFactor mfa, Actor actor, CancellationToken ct)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return TypedResults.Unauthorized();
        }
        if (await mfa.DisableAsync(account, request.Code, actor, ct) is not { } refusal)
        {
            return TypedResults.NoContent();
        }
        return refusal.Errors is { } errors ? Invalid(errors) : Problem(refusal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Reset(Guid id, SecondFactor mfa, Actor actor, CancellationToken ct) =>
        await mfa.ResetAsync(id, actor, ct) is { } refusal ? Problem(refusal) : TypedResults.NoContent();

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors.ToDictionary());

    private static ProblemHttpResult Problem(Refusal refusal) => TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
}
