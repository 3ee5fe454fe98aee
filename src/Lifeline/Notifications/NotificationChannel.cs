using Lifeline.Directory.People;

namespace Lifeline.Notifications;

/// <summary>How a message reaches a person.</summary>
public enum NotificationChannel
{
    Voice,
    Sms,
    Email,
    Chat,
    Webhook,
}

public static class NotificationChannels
{
    /// <summary>Whether a contact method can carry messages of this channel.</summary>
    public static bool Carries(this NotificationChannel channel, ContactMethod method) => channel switch
    {
        NotificationChannel.Voice => method.CanVoice,
        NotificationChannel.Sms => method.CanSms,
        NotificationChannel.Email => method.Kind == ContactMethodKind.Email,
        NotificationChannel.Chat => method.Kind == ContactMethodKind.ChatWebhook,
        NotificationChannel.Webhook => method.Kind == ContactMethodKind.Webhook,
        _ => false,
    };

    /// <summary>
    /// The method to use: for voice the cell phone before the office phone (the seed pages the
    /// incident manager "via cell phone"), otherwise the lowest priority number.
    /// </summary>
    public static ContactMethod? Pick(this NotificationChannel channel, IEnumerable<ContactMethod> methods) =>
        methods.Where(m => channel.Carries(m))
            .OrderBy(m => m.Kind == ContactMethodKind.CellPhone ? 0 : 1)
            .ThenBy(m => m.Priority)
            .ThenBy(m => m.Id)
            .FirstOrDefault();
}
