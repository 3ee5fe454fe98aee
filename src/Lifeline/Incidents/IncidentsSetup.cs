using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Incidents;

public static class IncidentsSetup
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentOptions>().Bind(configuration.GetSection(IncidentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o => o.AddPolicy<string, IncidentOpenLimit>(IncidentOpenLimit.Policy));
        services.AddScoped<IncidentNumbers>();
        services.AddScoped<IncidentTimeline>();
        services.AddScoped<IncidentService>();
        services.AddSingleton<IncidentChanges>();
        services.AddScoped<IncidentChangeRecorder>();
        services.AddScoped<IInterceptor>(sp => sp.GetRequiredService<IncidentChangeRecorder>());
        services.AddScoped<IInterceptor, Storage.CommittedChangeWatcher<IncidentChangeRecorder>>();
        if (configuration.GetSection(Storage.DatabaseOptions.Section).GetValue<Storage.DatabaseProvider?>("Provider") == Storage.DatabaseProvider.Postgres)
        {
            services.AddHostedService<PostgresIncidentRelay>();
        }
        return services;
    }
}
