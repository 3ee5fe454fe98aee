using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Access;

/// <summary>Administration of accounts, and the audit and access logs. Admin only.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(AccessPolicies.Administer);
        accounts.MapGet("/", List).WithSummary("List accounts");
        accounts.MapPost("/", Create).WithSummary("Create an account with roles, optionally linked to a person");
        accounts.MapPut("/{id:guid}/roles", SetRoles).WithSummary("Replace an account's roles");
        accounts.MapPost("/{id:guid}/unlock", Unlock).WithSummary("Lift a lockout (an account disabled by an administrator, or locked by an earlier release)");
        accounts.MapPost("/{id:guid}/disable", Disable).WithSummary("Disable an account: its sign-ins, cookies and API tokens stop working at once")
            .WithDescription("Refused for your own account and for the last administrator who can still sign in.");
        accounts.MapPost("/{id:guid}/enable", Enable).WithSummary("Enable a disabled account again");
        accounts.MapDelete("/{id:guid}", Delete).WithSummary("Delete an account and its API tokens")
            .WithDescription("Refused for your own account and for the last administrator who can still sign in.");
        accounts.MapGet("/{id:guid}/tokens", Tokens).WithSummary("An account's API tokens");
        accounts.MapDelete("/{id:guid}/tokens/{tokenId:guid}", RevokeToken).WithSummary("Revoke an account's API token");

        var logs = api.MapGroup("").WithTags("Audit").RequireAuthorization(AccessPolicies.Administer);
        logs.MapGet("/audit-log", AuditLog).WithSummary("Every change: who, what, before and after, when (newest first)")
            .WithDescription("Filters: actor (part of the name; q is the same), entityType, entityId, action, from and to (to exclusive). " +
                $"format=csv gives every matching entry as CSV (at most {AccessLogs.MaxCsvRows:N0}). Contact values are masked for a role not entitled to them.");
        logs.MapGet("/access-log", AccessLog).WithSummary("Every read of contact details in clear: who, whose, when, from where (newest first)")
            .WithDescription("Filters: actor (who read; q is the same), personId or person (part of the name: whose details), from and to (to exclusive). " +
                $"format=csv gives every matching entry as CSV (at most {AccessLogs.MaxCsvRows:N0}).");
        return api;
    }

    private static async Task<Results<Ok<Page<AccountView>>, ValidationProblem, ProblemHttpResult>> List([AsParameters] PageQuery query, AccountAdministration accounts,
        CancellationToken ct) =>
        await accounts.ListAsync(query, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<Page<AccountView>>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> Create(AccountRequest request, AccountAdministration accounts,
        Actor actor, CancellationToken ct) =>
        await accounts.CreateAsync(actor, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<AccountView>>()
            : TypedResults.Created($"/api/v1/accounts/{outcome.Value!.Id}", outcome.Value);

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> SetRoles(Guid id, RolesRequest request, AccountAdministration accounts,
        Actor actor, CancellationToken ct) =>
        Respond(await accounts.SetRolesAsync(actor, id, request.Roles, ct));

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Unlock(Guid id, AccountAdministration accounts, Actor actor,
        CancellationToken ct) =>
        Respond(await accounts.EnableAsync(actor, id, "Unlocked", ct));

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Enable(Guid id, AccountAdministration accounts, Actor actor,
        CancellationToken ct) =>
        Respond(await accounts.EnableAsync(actor, id, "Enabled", ct));

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Disable(Guid id, AccountAdministration accounts, Actor actor,
        CancellationToken ct) =>
        Respond(await accounts.DisableAsync(actor, id, ct));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, AccountAdministration accounts, Actor actor,
        CancellationToken ct) =>
        await accounts.DeleteAsync(actor, id, ct) is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Ok<IReadOnlyList<TokenView>>> Tokens(Guid id, AccountAdministration accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.TokensAsync(id, ct));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeToken(Guid id, Guid tokenId, AccountAdministration accounts,
        Actor actor, CancellationToken ct) =>
        await accounts.RevokeTokenAsync(actor, id, tokenId, ct) is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Ok<Page<AuditEntryView>>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AuditLog(
        [AsParameters] PageQuery query, [AsParameters] AuditLogFilter filter, string? format, AccessLogs logs, Actor actor, TimeProvider time, CancellationToken ct) =>
        Csv(format) switch
        {
            null => Problems.Invalid("format", "format must be json or csv."),
            true => Respond<Page<AuditEntryView>, byte[]>(await logs.AuditCsvAsync(actor, filter, ct), csv => File(csv, "audit-log", time)),
            false => Respond<Page<AuditEntryView>, Page<AuditEntryView>>(await logs.AuditAsync(actor, filter, query, ct), page => TypedResults.Ok(page)),
        };

    private static async Task<Results<Ok<Page<ContactAccessView>>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AccessLog(
        [AsParameters] PageQuery query, [AsParameters] AccessLogFilter filter, string? format, AccessLogs logs, Actor actor, TimeProvider time, CancellationToken ct) =>
        Csv(format) switch
        {
            null => Problems.Invalid("format", "format must be json or csv."),
            true => Respond<Page<ContactAccessView>, byte[]>(await logs.AccessCsvAsync(actor, filter, ct), csv => File(csv, "access-log", time)),
            false => Respond<Page<ContactAccessView>, Page<ContactAccessView>>(await logs.AccessAsync(actor, filter, query, ct), page => TypedResults.Ok(page)),
        };

    /// <summary>true for CSV, false for JSON, null for anything else.</summary>
    private static bool? Csv(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => null,
    };

    private static FileContentHttpResult File(byte[] csv, string name, TimeProvider time) =>
        TypedResults.File(csv, CsvFile.ContentType, $"{name}-{time.GetUtcNow():yyyy-MM-dd-HHmm}.csv");

    private static Results<Ok<TPage>, FileContentHttpResult, ValidationProblem, ProblemHttpResult> Respond<TPage, TValue>(Outcome<TValue> outcome,
        Func<TValue, Results<Ok<TPage>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ok) =>
        outcome.Refusal switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value)),
            { } refusal => TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title),
            null => ok(outcome.Value!),
        };

    private static Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult> Respond(Outcome<AccountView> outcome) =>
        outcome.Refusal is { } refusal ? refusal.As<Ok<AccountView>>() : TypedResults.Ok(outcome.Value!);
}
