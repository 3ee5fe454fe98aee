namespace Lifeline.Notifications.Links;

public static class LinksSetup
{
    public static IServiceCollection AddAckLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinkOptions>().Bind(configuration.GetSection(LinkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AckLinks>();
        services.AddSingleton<StoredLinks>();
        return services;
    }
}
