using Lifeline.Notifications.Delivery;

namespace Lifeline.Templates;

public static class TemplatesSetup
{
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddScoped<TemplateCatalogue>();
        services.AddHostedService<TemplateSeeding>();
        services.AddScoped<MessageRenderer>();
        services.AddScoped<IMessageRenderer>(sp => sp.GetRequiredService<MessageRenderer>());
        return services;
    }
}
