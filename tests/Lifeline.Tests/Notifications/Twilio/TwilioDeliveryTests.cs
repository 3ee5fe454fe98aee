using System.Net;
using Lifeline.Notifications;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Notifications.Twilio;

public sealed class TwilioDeliveryTests
{
    private const string HenryCell = "+18605550106";

    [Theory, DatabaseData]
    public async Task DispatchPass_SeverityOnePage_SendsSmsAndVoiceThroughTwilioAndCallbacksUpdateStatus(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();

        await h.DispatchAsync();

        var sms = Assert.Single(h.Twilio.Accepted, r => r.Resource == "Messages");
        var call = Assert.Single(h.Twilio.Accepted, r => r.Resource == "Calls");
        Assert.Empty(h.Twilio.Refusals);
        Assert.Equal(HenryCell, sms.To);
        Assert.Contains(number, sms.Body);
        Assert.Equal(HenryCell, call.To);
        var pages = await h.NotificationsAsync(number);
        var smsPage = pages.Single(n => n.Channel == NotificationChannel.Sms);
        var voicePage = pages.Single(n => n.Channel == NotificationChannel.Voice);
        Assert.Contains("<Gather numDigits=\"1\"", call.Twiml);
        Assert.Contains($"action=\"{TwilioStandIn.PublicUrl}/api/v1/twilio/voice/gather?notification={voicePage.Id}\"", call.Twiml);
        Assert.Contains("Press 4 to acknowledge", call.Twiml);
        Assert.Equal((NotificationStatus.Sent, sms.Sid), (smsPage.Status, smsPage.ProviderMessageId));
        Assert.Equal((NotificationStatus.Sent, call.Sid), (voicePage.Status, voicePage.ProviderMessageId));

        using (var delivered = await h.TwilioPostAsync("/api/v1/twilio/status", new() { ["MessageSid"] = sms.Sid, ["MessageStatus"] = "delivered", ["AccountSid"] = TwilioStandIn.AccountSid }))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }
        Assert.Equal([NotificationStatus.Pending, NotificationStatus.Sending, NotificationStatus.Sent, NotificationStatus.Delivered],
            (await h.HistoryAsync(smsPage.Id)).Select(e => e.Status));
        Assert.Equal(NotificationStatus.Delivered, (await h.NotificationsAsync(number)).Single(n => n.Id == smsPage.Id).Status);
    }

    [Theory, DatabaseData]
    public async Task DispatchPass_InvalidNumber_FailsForGoodWithoutTheNumberAndQueuesFallback(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();
        h.Twilio.InvalidNumbers[HenryCell] = true;
        // Only the SMS is due now, with voice as its fallback, to see the fallback queued and tried.
        var smsId = await h.InDbAsync(async db =>
        {
            var pages = await db.Notifications.Where(n => db.Incidents.Any(i => i.Id == n.IncidentId && i.Number == number)).ToListAsync();
            pages.ForEach(n => n.Cancel());
            var sms = pages.Single(n => n.Channel == NotificationChannel.Sms);
            var page = Notification.ToPerson($"test:{Guid.NewGuid():N}", sms.PersonId!.Value, sms.ContactMethodId!.Value, NotificationChannel.Sms, "tier-page",
                h.Time.GetUtcNow(), incidentId: sms.IncidentId, fallbackChannel: NotificationChannel.Voice);
            db.Notifications.Add(page);
            return page.Id;
        });

        await h.DispatchAsync();

        var after = await h.NotificationsAsync(number);
        var failed = after.Single(n => n.Id == smsId);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Contains("21211", failed.LastError);
        Assert.DoesNotContain("5550106", failed.LastError);
        Assert.Equal(1, failed.Attempts);
        var fallback = after.Single(n => n.FallbackOfId == smsId);
        Assert.Equal(NotificationChannel.Voice, fallback.Channel);
        Assert.Equal(NotificationStatus.Failed, fallback.Status);
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.NotificationFailed && e.Text.Contains("Sms to Henry Castillo failed for good"));
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.FallbackQueued && e.Text.Contains("from Sms to Voice"));
        Assert.Equal(NotificationStatus.Failed, (await h.HistoryAsync(smsId)).Last().Status);
    }

    [Theory, DatabaseData]
    public async Task DispatchPass_TwilioUnavailable_RetriesWithBackoffOnTheClockThenSends(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Dispatch:QuickRetries"] = "2",
            ["Lifeline:Dispatch:RetryBaseDelay"] = "00:00:30",
        });
        var number = await h.OpenAsync();
        var voiceId = (await h.NotificationsAsync(number)).Single(n => n.Channel == NotificationChannel.Voice).Id;
        await h.InDbAsync(async db => (await db.Notifications.SingleAsync(n => n.Id == voiceId)).Cancel());
        var start = h.Time.GetUtcNow();
        h.Twilio.FailNext(3);

        await h.DispatchAsync();

        var waiting = (await h.NotificationsAsync(number)).Single(n => n.Channel == NotificationChannel.Sms);
        Assert.Equal(NotificationStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("503", waiting.LastError);
        Assert.InRange(waiting.DueAt, start + TimeSpan.FromSeconds(15), start + TimeSpan.FromSeconds(30));
        Assert.Empty(h.Twilio.Accepted);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.DispatchAsync();
        Assert.Empty(h.Twilio.Accepted);

        h.Time.Advance(TimeSpan.FromSeconds(21));
        await h.DispatchAsync();

        Assert.Single(h.Twilio.Accepted);
        var sent = (await h.NotificationsAsync(number)).Single(n => n.Id == waiting.Id);
        Assert.Equal((NotificationStatus.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Equal([NotificationStatus.Pending, NotificationStatus.Sending, NotificationStatus.Pending, NotificationStatus.Sending, NotificationStatus.Sent],
            (await h.HistoryAsync(sent.Id)).Select(e => e.Status));
    }
}
