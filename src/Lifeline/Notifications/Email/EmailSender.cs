using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lifeline.Notifications.Email;

/// <summary>
/// The e-mail channel: one SMTP attempt per call (retries are the dispatcher's), plain text and
/// HTML in one message. The Message-Id is derived from the notification's idempotency key, so a
/// message sent again after a crash has the same id and mail systems that de-duplicate can drop
/// the copy; the key itself travels in <c>X-Lifeline-Notification</c>. Addresses are never logged.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> smtp, IOptions<LifelineOptions> lifeline, TimeProvider time, ILogger<EmailSender> logger) : INotificationSender
{
    public const string IdempotencyHeader = "X-Lifeline-Notification";

    public NotificationChannel Channel => NotificationChannel.Email;

    public string OutboxDirectory => Path.Combine(lifeline.Value.FullDataDirectory, "outbox");

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        MimeMessage mime;
        try
        {
            mime = Build(message);
        }
        catch (ParseException e)
        {
            return SendOutcome.Permanent($"Not a valid e-mail address: {e.Message}");
        }
        var options = smtp.Value;
        if (!options.IsConfigured)
        {
            // The mails hold acknowledgement links and survey links: the server's user reads them, nobody else.
            PrivateFiles.EnsureDirectory(OutboxDirectory);
            var path = Path.Combine(OutboxDirectory, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{message.Notification.Id:N}.eml");
            await using (var file = PrivateFiles.Create(path))
            {
                await mime.WriteToAsync(file, ct);
            }
            logger.LogInformation("No SMTP host: wrote notification {NotificationId} to {File}", message.Notification.Id, Path.GetFileName(path));
            return SendOutcome.Accepted(mime.MessageId);
        }
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host!, options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
            }
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
            logger.LogInformation("Sent notification {NotificationId} by e-mail", message.Notification.Id);
            return SendOutcome.Accepted(mime.MessageId);
        }
        catch (SmtpCommandException e)
        {
            var reason = ProviderReason.Scrub($"{(int)e.StatusCode} {e.Message}");
            logger.LogWarning("SMTP refused notification {NotificationId}: {Reason}", message.Notification.Id, reason);
            // 5xx is the server's final word (no such mailbox, policy); 4xx asks to try again later.
            return (int)e.StatusCode >= 500 ? SendOutcome.Permanent(reason) : SendOutcome.Temporary(reason);
        }
        catch (AuthenticationException e)
        {
            // Wrong credentials will not fix themselves by waiting: let the fallback channel carry the message.
            return SendOutcome.Permanent($"SMTP authentication failed: {e.Message}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("SMTP server unreachable for notification {NotificationId}: {Reason}", message.Notification.Id, ProviderReason.Scrub(e.Message));
            return SendOutcome.Temporary($"SMTP server {options.Host}:{options.Port} unreachable: {e.Message}");
        }
    }

    private MimeMessage Build(OutgoingMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Content.Subject,
            Date = time.GetUtcNow(),
            MessageId = MessageIdFor(message.IdempotencyKey),
        };
        mime.From.Add(MailboxAddress.Parse(smtp.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.Destination));
        mime.Headers.Add(IdempotencyHeader, message.IdempotencyKey);
        mime.Body = new BodyBuilder { TextBody = message.Content.Text, HtmlBody = message.Content.Html }.ToMessageBody();
        return mime;
    }

    /// <summary>Stable for a key; a hash, because keys contain characters a Message-Id may not.</summary>
    public static string MessageIdFor(string idempotencyKey) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@lifeline";
}
