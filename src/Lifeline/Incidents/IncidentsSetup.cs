using Lifeline.Surveys;

namespace Lifeline.Incidents;

public static class IncidentsSetup
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentOptions>().Bind(configuration.GetSection(IncidentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IncidentNumbers>();
        services.AddScoped<IncidentTimeline>();
        services.AddScoped<IncidentService>();
        services.AddScoped<IIncidentObserver, SurveyInvitationSender>();
        return services;
    }

    /// <summary>The incidents API and the customers' survey links.</summary>
    public static RouteGroupBuilder MapIncidents(this RouteGroupBuilder api) => api.MapIncidentsApi().MapSurveysApi();
}
