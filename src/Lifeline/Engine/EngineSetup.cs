using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Engine;

public static class EngineSetup
{
    /// <summary>The engine itself: the job table's pass, its loop and its wake-up. Modules add their job kinds.</summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EngineJobRunner>();
        services.AddSingleton<EngineSignal>();
        services.AddScoped<IInterceptor, EngineWakeUp>();
        services.AddSingleton<EnginePass>();
        services.AddHostedService<EngineLoop>();
        return services;
    }

    /// <summary>
    /// Registers the handler for engine jobs of <paramref name="kind"/> (at most 32 characters, stored with each job).
    /// A kind is a name for good: jobs already in the database carry it.
    /// </summary>
    public static IServiceCollection AddEngineJob<THandler>(this IServiceCollection services, string kind) where THandler : class, IEngineJobHandler
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, 32, nameof(kind));
        services.AddKeyedScoped<IEngineJobHandler, THandler>(kind);
        return services;
    }
}
