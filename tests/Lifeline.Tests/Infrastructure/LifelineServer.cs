using System.Net.Http.Headers;
using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lifeline.Tests.Infrastructure;

/// <summary>
/// The real Lifeline server in-process (WebApplicationFactory) on its own fresh database, with the
/// demo organisation loaded and a bootstrap admin token.
/// </summary>
public sealed class LifelineServer : WebApplicationFactory<Program>
{
    public const string AdminToken = "llt_test-admin-token-0123456789abcdefghij";

    public TestDatabase Database { get; }
    public TimeProvider Time { get; }
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"lifeline-data-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> _settings;
    private readonly LogCollector? _logs;
    private readonly Action<IServiceCollection>? _services;

    private LifelineServer(TestDatabase database, TimeProvider time, Dictionary<string, string?> settings, LogCollector? logs, Action<IServiceCollection>? services)
    {
        _services = services;
        Database = database;
        Time = time;
        _settings = settings;
        _logs = logs;
    }

    public static async Task<LifelineServer> StartAsync(DatabaseProvider provider, TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool seedDemoData = true, LogCollector? logs = null, Action<IServiceCollection>? services = null,
        bool kestrel = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Lifeline:SeedDemoData"] = seedDemoData ? "true" : "false",
        };
        var server = new LifelineServer(database, time ?? TimeProvider.System, all, logs, services);
        try
        {
            // Start now, so migrations and seeding happen here and not in the first request. A browser needs a real
            // listening socket (Kestrel on a free loopback port) instead of the in-memory test server.
            if (kestrel)
            {
                server.UseKestrel(0);
                server.StartServer();
            }
            else
            {
                _ = server.Server;
            }
        }
        catch
        {
            try
            {
                await server.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // A host that failed to start may already be half torn down; the start-up failure is what matters.
            }
            throw;
        }
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The console's stylesheets and scripts (its own and MudBlazor's) from the build's static web assets, as in development.
        builder.UseStaticWebAssets();
        builder.UseSetting("Lifeline:DataDirectory", _dataDirectory);
        builder.UseSetting("Lifeline:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Lifeline:Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Lifeline:Bootstrap:AdminApiToken", AdminToken);
        builder.UseSetting("Lifeline:Bootstrap:AdminPassword", "Bootstrap-secret-123");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_logs is { } logs)
        {
            // Every level of every category: what a verbose production log level would write.
            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogCollector>(null, LogLevel.Trace));
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(Time);
            _services?.Invoke(services);
        });
    }

    /// <summary>An HTTP client authenticated with the given bearer token.</summary>
    /// <summary>The server's data directory (e-mail goes to its outbox as .eml files when no SMTP server is configured).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The address a browser reaches the server at (started with <c>kestrel: true</c>).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient AdminClient() => ClientWithToken(AdminToken);

    /// <summary>Creates a new account with the given roles and returns a client using its API token.</summary>
    public async Task<HttpClient> ClientAsAsync(params string[] roles)
    {
        using var scope = Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var outcome = await accounts.CreateAsync($"user-{Guid.NewGuid():N}"[..20], "Test-password-123", roles, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
        var (_, secret) = await accounts.IssueTokenAsync(outcome.Value!, "test", null, CancellationToken.None);
        return ClientWithToken(secret);
    }

    /// <summary>A client whose account has the given roles and is linked to the named person of the directory.</summary>
    public async Task<HttpClient> ClientForPersonAsync(string personName, params string[] roles)
    {
        using var scope = Services.CreateScope();
        var personId = await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.Where(p => p.Name == personName).Select(p => p.Id).SingleAsync();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var outcome = await accounts.CreateAsync($"user-{Guid.NewGuid():N}"[..20], "Test-password-123", roles, personId, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
        var (_, secret) = await accounts.IssueTokenAsync(outcome.Value!, "test", null, CancellationToken.None);
        return ClientWithToken(secret);
    }

    public async Task<Account> AccountAsync(string userName)
    {
        using var scope = Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync(userName))!;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await Database.DisposeAsync();
            if (System.IO.Directory.Exists(_dataDirectory))
            {
                System.IO.Directory.Delete(_dataDirectory, recursive: true);
            }
        }
    }
}
