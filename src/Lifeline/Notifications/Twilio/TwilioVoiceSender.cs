using System.Security;
using Lifeline.Notifications.Delivery;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// Places a call that reads the short form of the message twice and offers "press 4 to
/// acknowledge"; the keypress comes back to <c>/api/v1/twilio/voice/gather</c>, naming the notification.
/// </summary>
public sealed class TwilioVoiceSender(TwilioClient twilio, IOptions<TwilioOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Voice;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var o = options.Value;
        List<KeyValuePair<string, string>> form = [new("To", message.Destination), new("From", o.FromNumber!), new("Twiml", Twiml(message, o))];
        if (o.Callback(TwilioWebhooksApi.StatusPath) is { } callback)
        {
            form.Add(new("StatusCallback", callback));
        }
        return twilio.CreateAsync("Calls", form, ct);
    }

    public static string Twiml(OutgoingMessage message, TwilioOptions options)
    {
        var said = SecurityElement.Escape(message.Content.Short);
        if (options.Callback($"{TwilioWebhooksApi.GatherPath}?notification={message.Notification.Id}") is not { } action)
        {
            return $"<Response><Say>{said}</Say><Pause length=\"1\"/><Say>{said}</Say></Response>";
        }
        return $"<Response><Gather numDigits=\"1\" action=\"{SecurityElement.Escape(action)}\" method=\"POST\" timeout=\"10\">" +
            $"<Say>{said}</Say><Say>Press 4 to acknowledge.</Say><Pause length=\"1\"/><Say>{said}</Say><Say>Press 4 to acknowledge.</Say></Gather>" +
            "<Say>No acknowledgement was recorded. Goodbye.</Say></Response>";
    }
}
