using System.Security.Claims;

namespace Lifeline.Access;

/// <summary>Who is acting in this scope: the signed-in account on a request, or the system otherwise.</summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    private string? _override;

    public ClaimsPrincipal? User => http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string Name => _override ?? User?.Identity?.Name ?? "system";

    public Guid? AccountId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? RemoteAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public bool SeesContactData => User is { } user && LifelineRoles.ContactDataReaders.Any(user.IsInRole);

    /// <summary>Names the actor for work done outside a request (operator commands, start-up).</summary>
    public void ActAs(string name) => _override = name;
}
