using System.Globalization;
using System.Net;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;

namespace Lifeline.Tests.Notifications.Twilio;

public sealed class TwilioWebhookTests
{
    private const string HenryCell = "+18605550106";

    [Theory]
    [InlineData("valid", HttpStatusCode.OK)]
    [InlineData("wrong token", HttpStatusCode.Forbidden)]
    [InlineData("tampered", HttpStatusCode.Forbidden)]
    [InlineData("missing", HttpStatusCode.Forbidden)]
    public async Task StatusCallback_Signature_OnlyValidIsAccepted(string signature, HttpStatusCode expected)
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite);
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM0000", ["MessageStatus"] = "delivered" };
        using var request = ProviderStandIn.Signed("/api/v1/twilio/status", form, signature == "wrong token" ? "another-token" : ProviderStandIn.AuthToken, signature != "missing");
        if (signature == "tampered")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM0000", ["MessageStatus"] = "failed" });
        }

        using var response = await h.App.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task InboundSms_ReplyFourAndNumber_AcknowledgesAndStopsEscalation(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();
        var code = long.Parse(number[(number.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

        using var response = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = HenryCell, ["To"] = ProviderStandIn.FromNumber, ["Body"] = $"4 {code}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var twiml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml", twiml);
        Assert.Contains($"<Response><Message>Thank you, Henry Castillo. {number} is acknowledged", twiml);
        Assert.Equal("Acknowledged", (await h.IncidentAsync(number)).GetProperty("status").GetString());
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.Acknowledged && e.Text.Contains("via SMS reply"));
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.EscalationStopped);
        Assert.All((await h.NotificationsAsync(number)).Where(n => n.Template == "tier-page"), n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
    }

    [Theory, DatabaseData]
    public async Task InboundSms_UnknownSenderOrCode_AnswersPolitelyAndChangesNothing(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();
        var code = long.Parse(number[(number.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
        var before = (await h.IncidentAsync(number)).GetProperty("status").GetString();

        using var stranger = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = "+15555550123", ["Body"] = $"ACK {code}" });
        using var unknownIncident = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = HenryCell, ["Body"] = "ACK 999999" });
        using var gibberish = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = HenryCell, ["Body"] = "on my way" });

        Assert.Contains("does not recognise this phone number", await stranger.Content.ReadAsStringAsync());
        Assert.Contains("no incident 999999", await unknownIncident.Content.ReadAsStringAsync());
        Assert.Contains("reply 4 and the incident", await gibberish.Content.ReadAsStringAsync());
        Assert.Equal(before, (await h.IncidentAsync(number)).GetProperty("status").GetString());
    }

    [Theory, DatabaseData]
    public async Task VoiceGather_DigitFour_AcknowledgesAsVoiceKeypress(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();
        var voice = (await h.NotificationsAsync(number)).Single(n => n.Channel == NotificationChannel.Voice);
        var before = (await h.IncidentAsync(number)).GetProperty("status").GetString();

        using var other = await h.TwilioPostAsync($"/api/v1/twilio/voice/gather?notification={voice.Id}", new() { ["Digits"] = "1", ["CallSid"] = "CA1" });
        Assert.Equal(before, (await h.IncidentAsync(number)).GetProperty("status").GetString());
        using var four = await h.TwilioPostAsync($"/api/v1/twilio/voice/gather?notification={voice.Id}", new() { ["Digits"] = "4", ["CallSid"] = "CA1" });

        Assert.Contains("<Say>Thank you, Henry Castillo.", await four.Content.ReadAsStringAsync());
        Assert.Equal("Acknowledged", (await h.IncidentAsync(number)).GetProperty("status").GetString());
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == TimelineKinds.Acknowledged && e.Text.Contains("via voice keypress"));
    }
}
