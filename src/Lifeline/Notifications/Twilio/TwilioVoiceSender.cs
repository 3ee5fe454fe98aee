using System.Security;
using Lifeline.Acknowledgements;
using Lifeline.Notifications.Delivery;
using Lifeline.Templates;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// Places a call that reads the short form of the message twice and, for a page or a notice with a task, offers
/// a key to press; the keypress comes back to <c>/api/v1/twilio/voice/gather</c>, naming the notification.
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

    /// <summary>
    /// A page offers "press 4 to acknowledge"; a notice that asks its recipient to do something offers "press 1 to
    /// confirm"; any other notice is only read out: an informational call must never acknowledge anything.
    /// </summary>
    public static string Twiml(OutgoingMessage message, TwilioOptions options)
    {
        var said = SecurityElement.Escape(message.Content.Short);
        var notification = message.Notification;
        var offer = TemplateKeys.IsPage(notification.Template) ? $"Press {VoiceKeys.Acknowledge} to acknowledge."
            : notification.Instruction is { Length: > 0 } instruction ? $"Press {VoiceKeys.ConfirmTask} to confirm that you will do this: {instruction.TrimEnd('.')}."
            : null;
        if (offer is null || options.Callback($"{TwilioWebhooksApi.GatherPath}?notification={notification.Id}") is not { } action)
        {
            return $"<Response><Say>{said}</Say><Pause length=\"1\"/><Say>{said}</Say></Response>";
        }
        var prompt = SecurityElement.Escape(offer);
        return $"<Response><Gather numDigits=\"1\" action=\"{SecurityElement.Escape(action)}\" method=\"POST\" timeout=\"10\">" +
            $"<Say>{said}</Say><Say>{prompt}</Say><Pause length=\"1\"/><Say>{said}</Say><Say>{prompt}</Say></Gather>" +
            "<Say>Nothing was recorded. Goodbye.</Say></Response>";
    }
}
