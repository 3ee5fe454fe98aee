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

    [Theory, DatabaseData]
    public async Task SmtpUnreachable_DirectorsCalledWithinTwoMinutes_WhileTheEmailKeepsBeingRetried(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Smtp:Host"] = "127.0.0.1",
            ["Lifeline:Smtp:Port"] = Cli.CliRunner.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lifeline:Smtp:UseTls"] = "false",
            // The quick retries wait on the clock, which only the test moves: the later passes are what is measured here.
            ["Lifeline:Dispatch:QuickRetries"] = "0",
        });
        var number = await h.OpenAsync();
        var start = h.Time.GetUtcNow();
        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromMinutes(2); elapsed += TimeSpan.FromSeconds(10))
        {
            await h.RunEngineAsync();
            await h.DispatchAsync();
            h.Time.Advance(TimeSpan.FromSeconds(10));
        }
        await h.DispatchAsync();

        var sent = await h.NotificationsAsync(number);
        var emails = sent.Where(n => n is { Template: "initial", Channel: NotificationChannel.Email, FallbackChannel: NotificationChannel.Voice }).ToList();
        Assert.NotEmpty(emails);
        foreach (var email in emails)
        {
            // The e-mail is still being retried, not given up…
            Assert.Equal(NotificationStatus.Pending, email.Status);
            Assert.True(email.Attempts >= 3, $"only {email.Attempts} attempts");
            // …and the phone call went out within two minutes of the first failure, not after ~35 minutes of retries.
            var call = Assert.Single(sent, n => n.FallbackOfId == email.Id);
            Assert.Equal(NotificationChannel.Voice, call.Channel);
            Assert.Equal(NotificationStatus.Sent, call.Status);
            Assert.True(call.CreatedAt - start <= TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(10), $"the call was queued {call.CreatedAt - start} after the incident");
        }
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == NotificationTimelineKinds.FallbackQueued && e.Text.Contains("is still failing after"));

        // A later pass does not call twice.
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.DispatchAsync();
        Assert.Equal(emails.Count, (await h.NotificationsAsync(number)).Count(n => n.FallbackOfId is not null));
    }
}
