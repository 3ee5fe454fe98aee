using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Email;

/// <summary>Says at start where e-mail goes, so nobody waits for mail that is being written to files.</summary>
public sealed class EmailStartupNotice(IOptions<SmtpOptions> smtp, EmailSender sender, ILogger<EmailStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (smtp.Value.IsConfigured)
        {
            logger.LogInformation("E-mail goes to SMTP server {Host}:{Port} (TLS {UseTls})", smtp.Value.Host, smtp.Value.Port, smtp.Value.UseTls);
        }
        else
        {
            logger.LogWarning("No SMTP server configured (Lifeline:Smtp:Host): e-mail is written as .eml files to {Outbox} and not sent", sender.OutboxDirectory);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
