namespace Lifeline.Templates;

/// <summary>Loads missing default templates at start, after the schema is migrated (registered after the start-up tasks).</summary>
public sealed class TemplateSeeding(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TemplateCatalogue>().SeedMissingAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
