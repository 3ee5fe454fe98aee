namespace Lifeline.Targets;

public static class TargetsSetup
{
    public static IServiceCollection AddTargets(this IServiceCollection services) => services.AddScoped<TargetResolver>();
}
