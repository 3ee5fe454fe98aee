using Lifeline.Incidents;

namespace Lifeline.Surveys;

public static class SurveysSetup
{
    /// <summary>The customer satisfaction survey: invitations sent on close, answered through a one-time link.</summary>
    public static IServiceCollection AddSurveys(this IServiceCollection services) =>
        services.AddScoped<IIncidentObserver, SurveyInvitationSender>().AddScoped<SurveyAnswers>();
}
