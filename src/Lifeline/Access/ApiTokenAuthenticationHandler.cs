using System.Text.Encodings.Web;
using Lifeline.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>Authenticates <c>Authorization: Bearer llt_...</c> with a personal API token.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    LifelineDbContext db, IUserClaimsPrincipalFactory<Account> principals, ApiTokenPrincipalCache principalCache, TimeProvider time)
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
        // One query for the token and its account, every request: a revoked token or a locked account is refused at once.
        var found = await db.ApiTokens.Where(t => t.Hash == hash)
            .Join(db.Users, t => t.AccountId, a => a.Id, (t, a) => new { Token = t, Account = a })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !found.Token.IsActive(now))
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var (token, account) = (found.Token, found.Account);
        if (account.LockoutEnd is { } end && end > now)
        {
            return AuthenticateResult.Fail("The token's account is locked or gone.");
        }
        // Recording use at most once a minute keeps a busy script from writing on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        // The roles and claims took four more queries a request. Identity gives an account a new concurrency stamp on
        // every change (roles included), so a principal cached under the stamp is never stale.
        var principal = await principalCache.GetOrCreateAsync((account.Id, account.ConcurrencyStamp), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            entry.Size = 1;
            return await principals.CreateAsync(account);
        });
        return AuthenticateResult.Success(new AuthenticationTicket(principal!.Clone(), SchemeName));
    }
}

/// <summary>The claims principals of accounts using API tokens, keyed by account and concurrency stamp.</summary>
public sealed class ApiTokenPrincipalCache() : MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
