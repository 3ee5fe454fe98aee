using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Twilio;
using Lifeline.Notifications.Webhooks;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

public static class DispatchSetup
{
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section))
            .Configure(o => o.PublicUrl ??= configuration["Lifeline:PublicUrl"]);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<DispatchSignal>();
        services.AddScoped<IInterceptor, NotificationHistoryRecorder>();
        services.AddSingleton<RetrySchedule>();
        services.AddSingleton<DeliveryAttempts>();
        services.AddSingleton<OutboxClaims>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<DispatchPass>();
        services.AddHostedService<NotificationDispatcher>();

        // The senders' HTTP clients log nothing per request (four lines a message at Information): a webhook's
        // URL is its secret (Slack's carries the token in the path), and the dispatcher records every outcome.
        // SMS and voice need an account: without one they wait in the outbox (the dispatcher says so at start).
        if (!string.IsNullOrWhiteSpace(configuration[$"{TwilioOptions.Section}:AccountSid"]))
        {
            services.AddHttpClient<TwilioClient>(c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
            services.AddScoped<INotificationSender, TwilioSmsSender>();
            services.AddScoped<INotificationSender, TwilioVoiceSender>();
        }
        services.AddScoped<TwilioCallbacks>();
        services.AddScoped<TwilioReplies>();
        // Webhook URLs are chosen by whoever may edit a contact method: their clients connect only to public addresses,
        // checked when connecting, and follow no redirect (WebhookConnections).
        services.AddHttpClient<ChatWebhookSender>(c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookConnections.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddScoped<INotificationSender>(sp => sp.GetRequiredService<ChatWebhookSender>());
        services.AddHttpClient<WebhookSender>(c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookConnections.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddScoped<INotificationSender>(sp => sp.GetRequiredService<WebhookSender>());
        return services;
    }
}
