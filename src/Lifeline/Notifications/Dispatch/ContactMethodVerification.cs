using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Lifeline.Templates;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Test messages that prove a contact method reaches its person before an emergency. The method
/// counts as verified when the message is delivered: on the provider's delivery callback for SMS
/// and voice, on acceptance for channels whose receiver answers directly (webhooks, chat, e-mail).
/// </summary>
public static class ContactMethodVerification
{
    public const string Template = TemplateKeys.TestMessage;

    public static bool ReportsDelivery(NotificationChannel channel) => channel is NotificationChannel.Sms or NotificationChannel.Voice;

    /// <summary>The channel a test of this method goes over: SMS for a cell that takes it, otherwise what the kind carries.</summary>
    public static NotificationChannel? ChannelFor(ContactMethod method) => method.Kind switch
    {
        ContactMethodKind.CellPhone when method.CanSms => NotificationChannel.Sms,
        ContactMethodKind.CellPhone or ContactMethodKind.OfficePhone when method.CanVoice => NotificationChannel.Voice,
        ContactMethodKind.Email => NotificationChannel.Email,
        ContactMethodKind.ChatWebhook => NotificationChannel.Chat,
        ContactMethodKind.Webhook => NotificationChannel.Webhook,
        _ => null,
    };

    public static Notification Queue(ContactMethod method, NotificationChannel channel, DateTimeOffset now) =>
        Notification.Verification(method.PersonId, method.Id, channel, now);

    public static async Task MarkVerifiedAsync(LifelineDbContext db, Guid methodId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ContactMethods.FirstOrDefaultAsync(m => m.Id == methodId, ct) is { } method)
        {
            method.MarkVerified(now);
        }
    }
}
