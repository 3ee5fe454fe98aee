using System.Net;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Email;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Lifeline.Tests.Notifications.Email;

/// <summary>The seed procedure's three e-mails, from a demo incident, through a real SMTP server.</summary>
public sealed class SeedEmailTests
{
    private const string Signature =
        "Regards,\n\nHenry Castillo\nIncident Manager 1\nOffice Phone Number: 860-555-0206\nCell Phone Number: 860-555-0106\n<mailto:henry.castillo@example.org>\n";

    [Theory, DatabaseData]
    public async Task SendAsync_SeedEmailsOfDemoIncident_ArriveWordForWordWithTheIncidentsValues(DatabaseProvider provider)
    {
        MailDrop.Require();
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await harness.OpenAsync();
        await harness.AcknowledgeAsync(number);
        await harness.Admin.PostJson($"/api/v1/incidents/{number}/status-updates",
            new { text = "Failover in progress", isolatedTo = "the mail store", expectedResolutionAt = "2026-11-24T20:00:00Z" }).ExpectAsync(HttpStatusCode.OK);
        await harness.RunEngineAsync();
        await harness.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "was a failover to the standby mail store" }).ExpectAsync(HttpStatusCode.OK);
        await harness.RunEngineAsync();

        var sender = MailDrop.Sender("127.0.0.1", MailDrop.Port!.Value, Path.GetTempPath());
        async Task<MimeMessage> SendAsync(string template)
        {
            using var scope = harness.Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var notification = await (from n in db.Notifications
                                      join i in db.Incidents on n.IncidentId equals i.Id
                                      join p in db.People on n.PersonId equals p.Id
                                      where i.Number == number && n.Template == template && n.Channel == NotificationChannel.Email && p.Name == "Priya Raman"
                                      select n).SingleAsync();
            var address = await db.ContactMethods.Where(c => c.Id == notification.ContactMethodId).Select(c => c.Value).SingleAsync();
            var content = await scope.ServiceProvider.GetRequiredService<IMessageRenderer>().RenderAsync(notification, CancellationToken.None);
            var outcome = await sender.SendAsync(new OutgoingMessage(notification, address, content, notification.IdempotencyKey), CancellationToken.None);
            Assert.Equal(SendResult.Sent, outcome.Result);
            var received = await MailDrop.ReceivedAsync(EmailSender.MessageIdFor(notification.IdempotencyKey));
            Assert.Equal("priya.raman@example.org", received.To.Mailboxes.Single().Address);
            Assert.Equal(notification.IdempotencyKey, received.Headers[EmailSender.IdempotencyHeader]);
            Assert.NotNull(received.HtmlBody);
            return received;
        }

        var initial = await SendAsync(TemplateKeys.Initial);
        Assert.Equal($"Severity 1 Service Disruption Notification – Ticket #{number}", initial.Subject);
        Assert.Equal(
            "This is to inform you of the E-mail service disruption. DOIT technical resources are currently working to resolve this issue. We will keep you informed of our progress.\n\n" +
            "Thank you for your patience.\n\n" + Signature, Normalise(initial.TextBody));

        var update = await SendAsync(TemplateKeys.StatusUpdate);
        Assert.Equal($"Severity 1 Service Disruption Update – Ticket #{number}", update.Subject);
        Assert.Equal(
            "This is an update on the E-mail service disruption. DOIT technical resources have isolated the issue to the mail store and expect a resolution by " +
            "Tuesday, November 24, 2026 3:00 PM (America/New_York). We will keep you informed of our progress.\n\n" +
            "Thank you for your patience.\n\n" + Signature, Normalise(update.TextBody));

        var resolution = await SendAsync(TemplateKeys.Resolution);
        Assert.Equal($"Severity 1 Service Disruption Update – Ticket #{number}", resolution.Subject);
        Assert.Equal(
            "The incident regarding E-mail has been resolved. The resolution was a failover to the standby mail store.\n\n" +
            "Should you require additional follow-up on this incident, or feel the incident has not been resolved to your satisfaction, please contact the DOIT Help Desk at 860-555-0100 or via e-mail to helpdesk@example.org.\n\n" +
            "Thank you for your patience during this service disruption.\n\n" + Signature, Normalise(resolution.TextBody));
        Assert.Contains("Henry Castillo", resolution.HtmlBody);
    }

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n");
}
