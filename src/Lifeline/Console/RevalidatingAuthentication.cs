using System.Security.Claims;
using Lifeline.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Console;

/// <summary>
/// A console circuit keeps the sign-in it started with; this checks the account's security stamp every minute, so a
/// sign-out elsewhere, a password change, new roles or a disabled account also end an open console soon after.
/// </summary>
public sealed class RevalidatingAuthentication(ILoggerFactory loggers, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        return await IsCurrentAsync(users, authenticationState.User);
    }

    private async Task<bool> IsCurrentAsync(UserManager<Account> users, ClaimsPrincipal principal)
    {
        var account = await users.GetUserAsync(principal);
        if (account is null || await users.IsLockedOutAsync(account))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(account);
    }
}
