using Lifeline.Notifications.Email;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lifeline.Tests.Notifications.Email;

/// <summary>The real SMTP server ./test.sh starts (aiosmtpd writing a maildir), and senders pointed at it.</summary>
public static class MailDrop
{
    public static int? Port => int.TryParse(Environment.GetEnvironmentVariable("LIFELINE_TEST_SMTP_PORT"), out var port) ? port : null;

    public static string? Directory => Environment.GetEnvironmentVariable("LIFELINE_TEST_MAILDIR") is { Length: > 0 } d ? d : null;

    public static void Require() => TestEnvironment.Require(Port is not null && Directory is not null, "The SMTP server (LIFELINE_TEST_SMTP_PORT, LIFELINE_TEST_MAILDIR)");

    public static EmailSender Sender(string? host, int port, string dataDirectory) => new(
        Options.Create(new SmtpOptions { Host = host, Port = port, UseTls = false, From = "Lifeline <lifeline@example.org>", TimeoutSeconds = 10 }),
        Options.Create(new LifelineOptions { DataDirectory = dataDirectory }), TimeProvider.System, NullLogger<EmailSender>.Instance);

    /// <summary>The message the server received with this Message-Id; waits a little, since aiosmtpd writes the file after answering.</summary>
    public static async Task<MimeMessage> ReceivedAsync(string messageId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory!, "new")))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.MessageId == messageId)
                {
                    return message;
                }
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"The SMTP server received no message with Message-Id {messageId}.");
    }
}
