namespace Lifeline.StatusPage;

public static class StatusPageSetup
{
    public static IServiceCollection AddStatusPage(this IServiceCollection services) => services.AddScoped<StatusBoard>();
}
