namespace Lifeline.Access;

/// <summary>
/// The actor of this unit of work (a DI scope), for what cannot take one as an argument: the audit interceptor
/// that runs inside every save. A unit of work started for an actor (<see cref="Storage.UnitOfWork.RunAsAsync{TService, T}"/>)
/// names it with <see cref="Use"/>; on a request it is the signed-in account; otherwise Lifeline itself.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    private Actor? _actor;

    public Actor Actor => _actor ??= http.HttpContext is { } context
        ? Actor.FromPrincipal(context.User, context.Connection.RemoteIpAddress?.ToString())
        : Actor.System("system");

    public string Name => Actor.Name;

    public Guid? AccountId => Actor.AccountId;

    /// <summary>Names the actor of this unit of work: a command run for someone, or work done outside a request.</summary>
    public void Use(Actor actor) => _actor = actor;

    /// <summary>Names Lifeline itself as the actor, for work done outside a request (operator commands, start-up).</summary>
    public void ActAs(string name) => _actor = Actor.System(name);
}
