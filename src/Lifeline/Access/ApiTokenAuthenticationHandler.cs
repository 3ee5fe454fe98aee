using System.Text.Encodings.Web;
using Lifeline.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>Authenticates <c>Authorization: Bearer llt_...</c> with a personal API token.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    LifelineDbContext db, IUserClaimsPrincipalFactory<Account> principals, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 512)
        {
            return AuthenticateResult.Fail("Malformed bearer token.");
        }
        var now = time.GetUtcNow();
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsActive(now))
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == token.AccountId, Context.RequestAborted);
        if (account is null || (account.LockoutEnd is { } end && end > now))
        {
            return AuthenticateResult.Fail("The token's account is locked or gone.");
        }
        // Recording use at most once a minute keeps a busy script from writing on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = await principals.CreateAsync(account);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
