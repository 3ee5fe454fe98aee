using Lifeline.Notifications.Delivery;

namespace Lifeline.Notifications.Email;

public static class EmailSetup
{
    public static IServiceCollection AddEmailChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<EmailSender>();
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<EmailSender>());
        services.AddHostedService<EmailStartupNotice>();
        return services;
    }
}
