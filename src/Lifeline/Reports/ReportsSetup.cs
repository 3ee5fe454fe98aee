namespace Lifeline.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<IncidentReports>();
        services.AddScoped<PagingReports>();
        services.AddScoped<SatisfactionReports>();
        services.AddScoped<DrillHistoryReports>();
        return services;
    }
}
