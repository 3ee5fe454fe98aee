using System.Net;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Email;

namespace Lifeline.Tests.Notifications.Dispatch;

/// <summary>The seed's "If e-mail is unavailable, notify the directors via a phone call", end to end: real SMTP, the dispatcher, the Twilio stand-in.</summary>
public sealed class EmailFallbackTests
{
    [Theory, DatabaseData]
    public async Task DirectorMailboxRefused_DispatcherFallsBackToVoiceCallAndOthersGetTheEmail(DatabaseProvider provider)
    {
        MailDrop.Require();
        await using var h = await DispatchHarness.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Smtp:Host"] = "127.0.0.1",
            ["Lifeline:Smtp:Port"] = MailDrop.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lifeline:Smtp:UseTls"] = "false",
        });
        // The CIO's mailbox no longer exists: the test SMTP server answers 550 for @unknown.example.org.
        var cio = await h.IdOfAsync("/api/v1/people", "Priya Raman");
        var methods = await h.Admin.GetAsync($"/api/v1/people/{cio}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        var email = methods.EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "Email").GetProperty("id").GetString();
        await h.Admin.PutJson($"/api/v1/people/{cio}/contact-methods/{email}", new { kind = "Email", value = "priya.raman@unknown.example.org" }).ExpectAsync(HttpStatusCode.OK);

        var number = await h.OpenAsync();
        await h.DispatchAsync();
        await h.RunEngineAsync();
        await h.DispatchAsync();

        var sent = await h.NotificationsAsync(number);
        var failed = Assert.Single(sent, n => n is { Template: "initial", Channel: NotificationChannel.Email, Status: NotificationStatus.Failed });
        Assert.Equal(cio, failed.PersonId);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        var call = Assert.Single(sent, n => n is { Template: "initial", Channel: NotificationChannel.Voice });
        Assert.Equal(cio, call.PersonId);
        Assert.Equal(NotificationStatus.Sent, call.Status);
        Assert.Contains(h.Twilio.Accepted, r => r.To == "+18605550103" && r.Twiml is not null);
        Assert.Equal(2, sent.Count(n => n is { Template: "initial", Channel: NotificationChannel.Email, Status: NotificationStatus.Sent }));

        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.NotificationFailed && e.Text.Contains("Priya Raman") && e.Text.Contains("550"));
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.FallbackQueued && e.Text.Contains("from Email to Voice for Priya Raman"));

        // The server's refusal echoed the address: it is scrubbed wherever the reason is kept or shown.
        Assert.Contains("[address]", failed.LastError, StringComparison.Ordinal);
        var history = await h.HistoryAsync(failed.Id);
        var api = await h.Admin.GetAsync($"/api/v1/incidents/{number}/notifications").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("unknown.example.org", string.Join("\n", timeline.Select(e => e.Text).Concat(history.Select(x => x.Detail ?? "")).Append(failed.LastError!)));
        var view = api.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetGuid() == failed.Id);
        Assert.DoesNotContain("unknown.example.org", view.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.All(view.GetProperty("history").EnumerateArray(), x => Assert.DoesNotContain("unknown.example.org", x.GetProperty("detail").GetString() ?? "", StringComparison.Ordinal));
    }
}
