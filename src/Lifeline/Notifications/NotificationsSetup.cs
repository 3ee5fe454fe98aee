using Lifeline.Notifications.Dispatch;
using Lifeline.Notifications.Email;
using Lifeline.Notifications.Links;
using Lifeline.Notifications.Twilio;
using Lifeline.Notifications.Verification;

namespace Lifeline.Notifications;

public static class NotificationsSetup
{
    /// <summary>The outbox, its dispatcher and the channels' senders, and the links messages carry.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<ContactVerifier>();
        services.AddEmailChannel(configuration);
        services.AddAckLinks(configuration);
        services.AddDispatch(configuration);
        return services;
    }

    /// <summary>The notifications API and what providers call back (Twilio's webhooks).</summary>
    public static RouteGroupBuilder MapNotificationsApis(this RouteGroupBuilder api) => api.MapNotificationsApi().MapVerificationApi().MapTwilioWebhooksApi();
}
