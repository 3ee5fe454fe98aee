using Lifeline.Engine;

namespace Lifeline.Alerts;

public static class AlertsSetup
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IntegrationKeyService>();
        services.AddScoped<AlertSeverityMapper>();
        services.AddScoped<AlertIngest>();
        services.AddSingleton<AlertGroupCommit>();
        services.AddSingleton<IntegrationKeyCache>();
        services.AddScoped<AlertRuleCatalogue>();
        services.AddScoped<AlertGrouping>();
        services.AddScoped<AlertList>();
        services.AddScoped<MaintenanceWindows>();
        services.AddScoped<RecurringMaintenances>();
        services.AddScoped<HeartbeatMonitors>();
        services.AddEngineJob<HeartbeatDeadlineHandler>(HeartbeatMonitors.DeadlineJobKind);
        services.AddEngineJob<MaintenanceEndedHandler>(MaintenanceWindows.EndedJobKind);
        services.AddRateLimiter(o => o.AddPolicy<string, AlertEventsLimit>(AlertEventsLimit.Policy));
        return services;
    }

    public static RouteGroupBuilder MapAlertsApis(this RouteGroupBuilder api)
    {
        api.MapIntegrationKeysApi();
        api.MapAlertsApi();
        api.MapHeartbeatsApi();
        api.MapMaintenanceWindowsApi();
        return api;
    }
}
