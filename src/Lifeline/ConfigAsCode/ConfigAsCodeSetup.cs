namespace Lifeline.ConfigAsCode;

public static class ConfigAsCodeSetup
{
    public static IServiceCollection AddConfigAsCode(this IServiceCollection services) =>
        services.AddScoped<ConfigExport>().AddSingleton<ConfigImport>();
}
