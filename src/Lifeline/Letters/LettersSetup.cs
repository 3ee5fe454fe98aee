namespace Lifeline.Letters;

public static class LettersSetup
{
    /// <summary>The emergency contact letter and the Severity 1 contact list, with their PDFs.</summary>
    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EmergencyContactLetter>();
        services.AddScoped<SeverityOneContactList>();
        return services;
    }
}
