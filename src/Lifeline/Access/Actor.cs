using System.Security.Claims;
using Lifeline.Api;

namespace Lifeline.Access;

/// <summary>
/// Who does something, handed explicitly to every command and to every read that may reveal contact data:
/// the API, the console and the CLI pass the same actor, so the same rules, masking, access log and audit apply
/// whatever the door. An actor without an account is Lifeline itself (the engine, start-up) or a person answering
/// a page by phone or mail.
/// </summary>
public sealed record Actor(Guid? AccountId, string Name, IReadOnlySet<string> Roles, Guid? PersonId, string? RemoteAddress)
{
    /// <summary>Lifeline itself (start-up, the engine, operator commands on the server's own machine): every role's rights.</summary>
    public bool IsLifeline { get; private init; }

    /// <summary>
    /// A password sign-in of an account whose roles require MFA and that has not enrolled: it acts with no roles until it
    /// has (<see cref="Mfa.MfaEnrolmentGate"/>); the console shows the enrolment.
    /// </summary>
    public bool MustEnrolMfa { get; private init; }

    /// <summary>The claim that links an account to its person in the directory.</summary>
    public const string PersonClaim = "lifeline:person";

    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>();

    /// <summary>Lifeline acting on its own (start-up, the engine, operator commands).</summary>
    public static Actor System(string name) => new(null, name, NoRoles, null, null) { IsLifeline = true };

    /// <summary>A person from the directory answering through a channel (an SMS reply, a keypress, a mail link), without an account.</summary>
    public static Actor Person(Guid personId, string name) => new(null, name, NoRoles, personId, null);

    /// <summary>The signed-in account of a principal (a request, a console circuit).</summary>
    public static Actor FromPrincipal(ClaimsPrincipal user, string? remoteAddress)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new Actor(null, "anonymous", NoRoles, null, remoteAddress);
        }
        var roles = user.FindAll(user.Identities.First().RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(
            Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId) ? accountId : null,
            user.Identity.Name ?? "(unnamed account)",
            roles,
            Guid.TryParse(user.FindFirstValue(PersonClaim), out var personId) ? personId : null,
            remoteAddress) { MustEnrolMfa = user.HasClaim(c => c.Type == Mfa.MfaEnrolmentGate.PendingClaim) };
    }

    /// <summary>Lets an endpoint take the request's actor as a parameter (<c>Actor actor</c>).</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Actor?>(context.RequestServices.GetRequiredService<CurrentActor>().Actor);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Null when the actor holds one of <paramref name="roles"/> (or is Lifeline itself); otherwise the 403 refusal that says who may.
    /// Services call it before a command, so the console and the CLI meet the same rules as the API's endpoint policies.
    /// </summary>
    public Refusal? Lacks(IReadOnlyList<string> roles, string what) =>
        IsLifeline || roles.Any(Roles.Contains) ? null : Refusal.Forbidden($"Only {string.Join(" or ", roles)} may {what}.");

    /// <summary>
    /// Self-service: null when the actor is an admin or the person linked to the signed-in account is
    /// <paramref name="personId"/>; otherwise the 403 refusal. Nobody else changes a person's own details.
    /// </summary>
    public Refusal? LacksSelfOrAdmin(Guid personId, string what) =>
        IsLifeline || IsInRole(LifelineRoles.Admin) || IsPerson(personId)
            ? null
            : Refusal.Forbidden($"Only an admin, or the person themselves, may {what}.");

    /// <summary>Whether the signed-in account is linked to this person of the directory.</summary>
    /// <remarks>An account that must still enrol in MFA acts with no rights at all, not even over its own details.</remarks>
    public bool IsPerson(Guid personId) => AccountId is not null && !MustEnrolMfa && PersonId == personId;

    /// <summary>The seed's "Severity 1 contact list ... for Level 1 use only": whether contact values are shown in clear.</summary>
    public bool SeesContactData => LifelineRoles.ContactDataReaders.Any(Roles.Contains);
}
