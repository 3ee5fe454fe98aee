
namespace Lifeline.Backups;

public static class BackupsSetup
{
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), $"{BackupOptions.Section}:TimeZone is not a time zone (use an IANA name such as America/New_York).")
            .ValidateOnStart();
        services.AddScoped<DatabaseBackup>();
        services.AddScoped<BackupReport>();
        services.AddSingleton<NightlyBackups>();
        services.AddHostedService<NightlyBackupLoop>();
        services.AddHealthChecks().AddCheck<BackupHealthCheck>("backup", tags: ["ready"]);
        return services;
    }
}
