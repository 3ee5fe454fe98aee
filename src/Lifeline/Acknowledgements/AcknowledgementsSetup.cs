namespace Lifeline.Acknowledgements;

public static class AcknowledgementsSetup
{
    public static IServiceCollection AddAcknowledgements(this IServiceCollection services) => services.AddScoped<Acknowledger>();
}
