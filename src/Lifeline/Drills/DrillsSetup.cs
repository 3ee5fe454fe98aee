using Lifeline.Engine;
using Lifeline.Incidents;

namespace Lifeline.Drills;

public static class DrillsSetup
{
    public static IServiceCollection AddDrills(this IServiceCollection services)
    {
        services.AddScoped<DrillPlan>().AddScoped<DrillReports>().AddScoped<DrillService>();
        services.AddScoped<IIncidentObserver, DrillStarter>();
        services.AddEngineJob<DrillDueHandler>(DrillJobKinds.Due);
        services.AddEngineJob<DrillFollowUpHandler>(DrillJobKinds.FollowUp);
        return services;
    }
}
