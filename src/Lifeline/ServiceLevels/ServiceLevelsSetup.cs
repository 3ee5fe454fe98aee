using Lifeline.Engine;
using Lifeline.Incidents;

namespace Lifeline.ServiceLevels;

public static class ServiceLevelsSetup
{
    public static IServiceCollection AddServiceLevels(this IServiceCollection services)
    {
        services.AddScoped<ServiceLevelMonitor>();
        services.AddScoped<BreachNotifier>();
        services.AddScoped<IIncidentObserver>(sp => sp.GetRequiredService<ServiceLevelMonitor>());
        services.AddEngineJob<TargetCheckHandler>(ServiceLevelJobKinds.AcknowledgeTarget);
        services.AddEngineJob<TargetCheckHandler>(ServiceLevelJobKinds.ResolveTarget);
        services.AddEngineJob<UpdateDueHandler>(ServiceLevelJobKinds.UpdateDue);
        return services;
    }
}
