namespace Lifeline.Letters;

public static class LettersSetup
{
    /// <summary>The emergency contact letter and the Severity 1 contact list, with their PDFs.</summary>
    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.Section)).ValidateDataAnnotations()
            // The fonts are inside the assembly; a build without them is told at start, not at the first PDF.
            .Validate(_ => Pdf.EmbeddedFonts.ArePresent(), "The PDF fonts (Letters/Fonts/*.ttf) are missing from the Lifeline assembly: rebuild Lifeline with them in place.")
            .ValidateOnStart();
        services.AddScoped<EmergencyContactLetter>();
        services.AddScoped<SeverityOneContactList>();
        return services;
    }
}
