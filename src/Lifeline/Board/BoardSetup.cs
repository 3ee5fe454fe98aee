namespace Lifeline.Board;

public static class BoardSetup
{
    public static IServiceCollection AddBoard(this IServiceCollection services) => services.AddScoped<IncidentBoard>().AddScoped<IncidentFiles>();
}
