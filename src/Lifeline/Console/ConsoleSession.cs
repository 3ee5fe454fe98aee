using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lifeline.Console;

/// <summary>
/// The signed-in person's side of a console circuit: who they are (the same <see cref="Actor"/> a request with their
/// cookie gets) and a way to call the domain services as them, each call in a scope and database context of its own —
/// a circuit lives for hours, a unit of work for one command.
/// </summary>
public sealed class ConsoleSession(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, IHttpContextAccessor http)
{
    // The circuit's first use is while its connection's request is at hand: the address is taken then, for the audit and access log.
    private readonly string? _remoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<Actor> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User, _remoteAddress);
    }

    /// <summary>Runs one command or read on a fresh <typeparamref name="TService"/> as the signed-in person.</summary>
    public async Task<T> RunAsync<TService, T>(Func<TService, Actor, Task<T>> work) where TService : notnull
    {
        var actor = await ActorAsync();
        return await scopes.RunAsAsync<TService, T>(actor, service => work(service, actor));
    }
}
