using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lifeline.Access;

/// <summary>An account's claims (name, roles) plus the person it is linked to, so an actor knows whom it pages and acknowledges as.</summary>
public sealed class AccountClaims(UserManager<Account> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PersonId is { } personId)
        {
            identity.AddClaim(new Claim(Actor.PersonClaim, personId.ToString()));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(Mfa.MfaEnrolmentGate.EnabledClaim, "on"));
        }
        return identity;
    }
}
