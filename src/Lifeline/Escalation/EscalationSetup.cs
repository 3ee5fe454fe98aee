using Lifeline.Engine;
using Lifeline.Escalation.Policies;
using Lifeline.Incidents;

namespace Lifeline.Escalation;

public static class EscalationSetup
{
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddScoped<TierPager>();
        services.AddScoped<EscalationPlanner>();
        services.AddScoped<EscalationCommands>();
        services.AddScoped<EscalationPolicyCatalogue>();
        services.AddScoped<EscalationDryRun>();
        services.AddScoped<IIncidentObserver>(sp => sp.GetRequiredService<EscalationPlanner>());
        services.AddEngineJob<EscalationStepHandler>(EscalationJobKinds.Step);
        services.AddEngineJob<EscalationExhaustedHandler>(EscalationJobKinds.Exhausted);
        return services;
    }

    public static RouteGroupBuilder MapEscalationApi(this RouteGroupBuilder api) =>
        api.MapEscalationPoliciesApi().MapIncidentEscalationApi();
}
