using Lifeline.Notifications.Delivery;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Twilio;

/// <summary>Sends the short form of a message as an SMS, asking Twilio to report delivery to <c>/api/v1/twilio/status</c>.</summary>
public sealed class TwilioSmsSender(TwilioClient twilio, IOptions<TwilioOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var o = options.Value;
        List<KeyValuePair<string, string>> form = [new("To", message.Destination), new("From", o.FromNumber!), new("Body", message.Content.Short)];
        if (o.Callback(TwilioWebhooksApi.StatusPath) is { } callback)
        {
            form.Add(new("StatusCallback", callback));
        }
        return twilio.CreateAsync("Messages", form, ct);
    }
}
