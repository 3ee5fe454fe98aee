using Lifeline.Communication;
using Lifeline.Directory.Availability;
using Lifeline.Escalation.Policies;
using Lifeline.Escalation.Targets;
using Lifeline.Shifts;

namespace Lifeline.Escalation;

public static class EscalationSetup
{
    public static IServiceCollection AddEscalation(this IServiceCollection services) =>
        services.AddScoped<TargetResolver>();

    public static RouteGroupBuilder MapEscalationApi(this RouteGroupBuilder api) =>
        api.MapEscalationPoliciesApi().MapCommunicationPlansApi().MapShiftCalendarApi().MapAvailabilityApi();
}
