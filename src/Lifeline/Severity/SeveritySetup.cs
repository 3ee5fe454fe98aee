namespace Lifeline.Severity;

public static class SeveritySetup
{
    public static IServiceCollection AddSeverity(this IServiceCollection services) =>
        services.AddScoped<SeverityClassifier>().AddScoped<SeverityCatalogue>().AddScoped<ClassificationRuleCatalogue>();

    public static RouteGroupBuilder MapSeverityApi(this RouteGroupBuilder api) => api.MapSeveritiesApi().MapClassificationRulesApi();
}
