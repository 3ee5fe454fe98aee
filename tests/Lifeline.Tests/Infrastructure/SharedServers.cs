using Lifeline.Storage;

[assembly: AssemblyFixture(typeof(Lifeline.Tests.Infrastructure.SharedServers))]

namespace Lifeline.Tests.Infrastructure;

/// <summary>
/// One running server per provider for the whole test run, shared by API tests that only add their
/// own data (unique names) and read the demo organisation. Tests that need a clock of their own or
/// an empty database start a <see cref="LifelineServer"/> themselves.
/// </summary>
public sealed class SharedServers : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<DatabaseProvider, LifelineServer> _servers = [];

    public async Task<LifelineServer> GetAsync(DatabaseProvider provider)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_servers.TryGetValue(provider, out var server))
            {
                _servers[provider] = server = await LifelineServer.StartAsync(provider);
            }
            return server;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
