using Lifeline.Communication;
using Lifeline.Directory.Availability;
using Lifeline.Escalation.Engine;
using Lifeline.Escalation.Policies;
using Lifeline.Escalation.Targets;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Escalation;

public static class EscalationSetup
{
    public static IServiceCollection AddEscalation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TargetResolver>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<StakeholderNotifier>();
        services.AddScoped<ServiceLevelMonitor>();
        services.AddScoped<TierPager>();
        services.AddScoped<EngineJobRunner>();
        services.AddScoped<EscalationPlanner>();
        services.AddScoped<IIncidentObserver>(sp => sp.GetRequiredService<EscalationPlanner>());
        services.AddSingleton<EngineSignal>();
        services.AddScoped<IInterceptor, EngineWakeUp>();
        services.AddSingleton<EnginePass>();
        services.AddHostedService<EscalationEngine>();
        return services;
    }

    public static RouteGroupBuilder MapEscalationApi(this RouteGroupBuilder api) =>
        api.MapEscalationPoliciesApi().MapCommunicationPlansApi().MapShiftCalendarApi().MapAvailabilityApi().MapIncidentEscalationApi();
}
