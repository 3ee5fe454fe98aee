using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Email;
using MimeKit;

namespace Lifeline.Tests.Notifications.Email;

public sealed class EmailSenderTests
{
    private static OutgoingMessage Message(string to) => new(
        Notification.Verification(Guid.NewGuid(), Guid.NewGuid(), NotificationChannel.Email, DateTimeOffset.UtcNow),
        to, new RenderedMessage("Lifeline test message", "This is a test.\n", "<p>This is a test.</p>", "test"), $"test:{Guid.NewGuid():N}");

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SendAsync_NoSmtpHost_WritesEmlFileToOutbox()
    {
        var data = Path.Combine(Path.GetTempPath(), $"lifeline-eml-{Guid.NewGuid():N}");
        try
        {
            var sender = MailDrop.Sender(null, 25, data);
            var message = Message("someone@example.org");
            var outcome = await sender.SendAsync(message, CancellationToken.None);
            Assert.Equal(SendResult.Sent, outcome.Result);
            var file = Assert.Single(System.IO.Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
            var written = await MimeMessage.LoadAsync(file);
            Assert.Equal("Lifeline test message", written.Subject);
            Assert.Equal("someone@example.org", written.To.Mailboxes.Single().Address);
            Assert.Equal(EmailSender.MessageIdFor(message.IdempotencyKey), written.MessageId);
            Assert.Equal("This is a test.\n", written.TextBody?.Replace("\r\n", "\n"));
            Assert.Equal("<p>This is a test.</p>", written.HtmlBody);
            // The mail carries acknowledgement and survey links: the server's user alone reads it.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(data, "outbox")));
        }
        finally
        {
            if (System.IO.Directory.Exists(data))
            {
                System.IO.Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task SendAsync_MailboxUnavailable550_IsPermanentWithTheServersReason()
    {
        MailDrop.Require();
        var outcome = await MailDrop.Sender("127.0.0.1", MailDrop.Port!.Value, Path.GetTempPath()).SendAsync(Message("nobody@unknown.example.org"), CancellationToken.None);
        Assert.Equal(SendResult.PermanentFailure, outcome.Result);
        Assert.Contains("550", outcome.Error);
        Assert.Contains("<[address]>: Recipient address rejected", outcome.Error);
        Assert.DoesNotContain("nobody@unknown.example.org", outcome.Error);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsTemporary()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var outcome = await MailDrop.Sender("127.0.0.1", port, Path.GetTempPath()).SendAsync(Message("someone@example.org"), CancellationToken.None);
        Assert.Equal(SendResult.TemporaryFailure, outcome.Result);
        Assert.Contains("unreachable", outcome.Error);
    }

    [Fact]
    public async Task SendAsync_RealSmtpServer_ArrivesAsMultipartWithIdempotencyKey()
    {
        MailDrop.Require();
        var message = Message("someone@example.org");
        var outcome = await MailDrop.Sender("127.0.0.1", MailDrop.Port!.Value, Path.GetTempPath()).SendAsync(message, CancellationToken.None);
        Assert.Equal(SendResult.Sent, outcome.Result);
        var received = await MailDrop.ReceivedAsync(EmailSender.MessageIdFor(message.IdempotencyKey));
        Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(message.IdempotencyKey, received.Headers[EmailSender.IdempotencyHeader]);
    }
}
