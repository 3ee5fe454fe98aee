using Lifeline.Access;
using Lifeline.Demo;
using Lifeline.Shifts;
using Lifeline.Severity;
using Lifeline.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Lifeline.Server;

/// <summary>
/// Runs before the server accepts requests: schema up to date, admin account ready, demo
/// organisation loaded into an empty database, severity catalogue in place. Then tells the operator where to go and how to sign in.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IHostApplicationLifetime lifetime, IServer server,
    IOptions<LifelineOptions> options, IOptions<BootstrapOptions> bootstrap, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StorageSetup.MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        if (await KeyRingProtection.RemoveKeysStoredInClearAsync(scope.ServiceProvider.GetRequiredService<LifelineDbContext>(), cancellationToken) is > 0 and var removed)
        {
            logger.LogWarning("Removed {Count} data-protection key(s) an earlier release stored unencrypted; everyone signs in again once", removed);
        }
        var passwordFile = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().RunAsync(cancellationToken);
        // Every database, not only demo ones: an incident cannot be opened without a severity catalogue.
        await scope.ServiceProvider.GetRequiredService<SeverityCatalogue>().SeedIfEmptyAsync(cancellationToken);
        if (options.Value.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoOrganisation>().SeedIfEmptyAsync(cancellationToken);
        }
        // After the demo, which brings its own calendar; the engine needs one to tell day from night.
        await ShiftCalendars.EnsureAsync(scope.ServiceProvider.GetRequiredService<LifelineDbContext>(), cancellationToken);
        lifetime.ApplicationStarted.Register(() => PrintWelcome(passwordFile));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintWelcome(string? passwordFile)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "(no address)";
        logger.LogInformation("Lifeline is ready at {Url}; data in {DataDirectory}", url, options.Value.FullDataDirectory);
        // The console, not the log: a password must not end up in log files or log shippers.
        System.Console.WriteLine();
        System.Console.WriteLine($"  Lifeline is running at {url}   (API reference: {url}/api, OpenAPI: {url}/openapi/v1.json)");
        if (passwordFile is not null)
        {
            // Where, not what: standard output of a service ends up in journald.
            System.Console.WriteLine($"  Sign in as '{bootstrap.Value.AdminUserName}' with the one-time password in {passwordFile} (readable by this user only).");
            System.Console.WriteLine("  Change it with POST /api/v1/me/password (or set Lifeline:Bootstrap:AdminPassword), then delete the file.");
        }
        else
        {
            System.Console.WriteLine($"  Sign in as '{bootstrap.Value.AdminUserName}' with your password, or use an API token (create-token --user {bootstrap.Value.AdminUserName}).");
        }
        System.Console.WriteLine();
    }
}
