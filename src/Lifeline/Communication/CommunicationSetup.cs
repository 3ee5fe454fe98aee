namespace Lifeline.Communication;

public static class CommunicationSetup
{
    public static IServiceCollection AddCommunication(this IServiceCollection services) => services.AddScoped<StakeholderNotifier>().AddScoped<CommunicationPlanCatalogue>()
        .AddScoped<CommunicationPlanDryRun>();

    public static RouteGroupBuilder MapCommunicationApi(this RouteGroupBuilder api) => api.MapCommunicationPlansApi();
}
