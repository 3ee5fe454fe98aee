using System.Globalization;
using System.Net;
using Lifeline.Communication;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Acknowledgements;

/// <summary>
/// Answers that come back through the channels a page went out on (SMS replies and keypresses, signed as Twilio
/// signs them), against the one rule: only the person a page was sent to, on that page's channel, while it is still
/// paging, and each page once. The e-mail link adapter is covered by AckLinkTests; the API's by SeverityOnePathTests.
/// </summary>
public sealed class ChannelAcknowledgementTests
{
    private const string HenryCell = "+18605550106";      // Incident Manager 1: paged by tier 1
    private const string GraceCell = "+18605550105";      // Director of Operations: never paged, only told
    private const string StrangerCell = "+15555550123";   // in nobody's directory entry

    private static async Task<(DispatchHarness H, string Number)> PagedAsync(DatabaseProvider provider, DateTimeOffset? start = null)
    {
        var h = await DispatchHarness.StartAsync(provider, start: start);
        var number = await h.OpenAsync();
        await h.DispatchAsync();
        return (h, number);
    }

    private static string Code(string number) => $"4 {number[4..8]}-{long.Parse(number[9..], CultureInfo.InvariantCulture)}";

    private static async Task<string> SmsAsync(DispatchHarness h, string from, string body, string sid)
    {
        using var response = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = from, ["To"] = TwilioStandIn.FromNumber, ["Body"] = body, ["MessageSid"] = sid });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> KeypressAsync(DispatchHarness h, Notification call, string digits, string? callSid = null)
    {
        using var response = await h.TwilioPostAsync($"/api/v1/twilio/voice/gather?notification={call.Id}",
            new() { ["Digits"] = digits, ["CallSid"] = callSid ?? call.ProviderMessageId! });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(string Status, string? Manager)> StateAsync(DispatchHarness h, string number)
    {
        var incident = await h.IncidentAsync(number);
        var manager = incident.GetProperty("incidentManager");
        return (incident.GetProperty("status").GetString()!, manager.ValueKind == System.Text.Json.JsonValueKind.Null ? null : manager.GetProperty("name").GetString());
    }

    [Theory, DatabaseData]
    public async Task Sms_PagedPersonRepliesWithTheCode_AcknowledgesAndStopsPaging(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;

        var reply = await SmsAsync(h, HenryCell, Code(number), "SM0001");

        Assert.Contains($"<Response><Message>Thank you, Henry Castillo. {number} is acknowledged", reply);
        Assert.Equal(("Acknowledged", "Henry Castillo"), await StateAsync(h, number));
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == TimelineKinds.Acknowledged && e.Text.Contains("via SMS reply"));
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.EscalationStopped);
    }

    [Theory, DatabaseData]
    public async Task Sms_FromADirectoryPhoneThatWasNotPaged_RefusedWithoutDetailsAndNothingChanges(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;

        var bystander = await SmsAsync(h, GraceCell, Code(number), "SM0002");
        var stranger = await SmsAsync(h, StrangerCell, Code(number), "SM0003");

        Assert.Contains("found no page sent to this phone", bystander);
        Assert.Equal(bystander, stranger);
        Assert.DoesNotContain(number, bystander);
        Assert.DoesNotContain("E-mail", bystander);
        Assert.Equal(("Escalating", null), await StateAsync(h, number));
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Kind == TimelineKinds.Acknowledged);
    }

    [Theory, DatabaseData]
    public async Task Sms_OnlyTheLastDigitsOfTheNumber_NotUnderstoodAndNothingChanges(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;

        var reply = await SmsAsync(h, HenryCell, $"4 {long.Parse(number[9..], CultureInfo.InvariantCulture)}", "SM0004");

        Assert.Contains("did not understand the code", reply);
        Assert.Equal(("Escalating", null), await StateAsync(h, number));
    }

    [Theory, DatabaseData]
    public async Task Sms_ReplayedMessage_DoesNothingTheSecondTime(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;
        await SmsAsync(h, HenryCell, Code(number), "SM0005");
        var timelineBefore = (await h.TimelineAsync(number)).Count;

        var replay = await SmsAsync(h, HenryCell, Code(number), "SM0005");

        Assert.Contains("no longer paging you", replay);
        Assert.Equal(timelineBefore, (await h.TimelineAsync(number)).Count);
        Assert.Equal(1, await h.InDbAsync(db => db.PageAnswers.CountAsync()));
    }

    [Theory, DatabaseData]
    public async Task Sms_BareFourWithOneIncidentPaging_AcknowledgesIt(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;

        var reply = await SmsAsync(h, HenryCell, "4", "SM0006");

        Assert.Contains($"{number} is acknowledged", reply);
        Assert.Equal("Acknowledged", (await StateAsync(h, number)).Status);
    }

    [Theory, DatabaseData]
    public async Task Sms_Level2MemberReplies_AcknowledgesTheTeamsPageOnly(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;
        await SmsAsync(h, HenryCell, Code(number), "SM0007");
        var messaging = await h.IdOfAsync("/api/v1/teams", "Messaging Team");
        await h.Admin.PostJson($"/api/v1/incidents/{number}/teams", new { teamIds = new[] { messaging } }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        await h.DispatchAsync();

        var reply = await SmsAsync(h, "+18605550119", Code(number), "SM0008"); // Chris Adeyemi, Messaging Team

        Assert.Contains("Messaging Team&apos;s page for " + number + " is acknowledged", reply);
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.TeamAcknowledged && e.Text.Contains("Chris Adeyemi"));
        Assert.Equal(("Acknowledged", "Henry Castillo"), await StateAsync(h, number));
    }

    [Theory, DatabaseData]
    public async Task Voice_PageKeypressFour_AcknowledgesOnlyInThatCall(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider);
        await using var _ = h;
        var call = (await h.NotificationsAsync(number)).Single(n => n.Channel == NotificationChannel.Voice && n.Template == "tier-page");
        Assert.Contains("Press 4 to acknowledge", h.Twilio.Accepted.Single(r => r.Sid == call.ProviderMessageId).Twiml);

        var otherKey = await KeypressAsync(h, call, "1");
        var forgedCall = await KeypressAsync(h, call, "4", callSid: "CA-not-this-call");
        Assert.Equal(("Escalating", null), await StateAsync(h, number));

        var four = await KeypressAsync(h, call, "4");
        var replay = await KeypressAsync(h, call, "4");

        Assert.Contains("Nothing was recorded", otherKey);
        Assert.Contains("Nothing was recorded", forgedCall);
        Assert.Contains("<Say>Thank you, Henry Castillo.", four);
        Assert.Contains("already answered", replay);
        Assert.Equal(("Acknowledged", "Henry Castillo"), await StateAsync(h, number));
        Assert.Single(await h.TimelineAsync(number), e => e.Kind == TimelineKinds.Acknowledged && e.Text.Contains("via voice keypress"));
    }

    [Theory, DatabaseData]
    public async Task Voice_DirectorsOffShiftNotice_OffersNoAcknowledgementAndConfirmsTheTask(DatabaseProvider provider)
    {
        var (h, number) = await PagedAsync(provider, EngineHarness.OffShift);
        await using var _ = h;
        var grace = await h.IdOfAsync("/api/v1/people", "Grace Okafor");
        var notice = (await h.NotificationsAsync(number)).Single(n => n.PersonId == grace && n.Template == "initial");
        Assert.Equal(NotificationChannel.Voice, notice.Channel);
        var twiml = h.Twilio.Accepted.Single(r => r.Sid == notice.ProviderMessageId).Twiml!;
        Assert.DoesNotContain("Press 4", twiml);
        Assert.Contains("Press 1 to confirm that you will do this: Please call the CIO and DCIO", twiml);

        var four = await KeypressAsync(h, notice, "4");
        Assert.Contains("Nothing was recorded", four);
        Assert.Equal(("Escalating", null), await StateAsync(h, number));

        var one = await KeypressAsync(h, notice, "1");
        var again = await KeypressAsync(h, notice, "1");

        Assert.Contains("Thank you, Grace Okafor. Your confirmation is recorded", one);
        Assert.Contains("already answered", again);
        Assert.Equal(("Escalating", null), await StateAsync(h, number));
        Assert.Single(await h.TimelineAsync(number), e => e.Kind == CommunicationTimelineKinds.TaskConfirmed && e.Text.StartsWith("Grace Okafor confirmed", StringComparison.Ordinal));
        var task = await h.InDbAsync(db => db.StakeholderTasks.SingleAsync());
        Assert.NotNull(task.ConfirmedAt);
    }

    [Fact]
    public async Task Voice_InformationalNotice_ReadOutWithoutAnyKeyToPress()
    {
        var (h, number) = await PagedAsync(DatabaseProvider.Sqlite);
        await using var _ = h;
        await SmsAsync(h, HenryCell, Code(number), "SM0009");
        await h.Admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Failing over." }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        using (var scope = h.App.Services.CreateScope())
        {
            // A status update told by phone, as a plan may say when e-mail is down: information only.
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var email = await db.Notifications.FirstAsync(n => n.Template == "status-update" && n.Channel == NotificationChannel.Email);
            await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().FailAsync(email, "mail relay down", CancellationToken.None);
            await db.SaveChangesAsync();
        }
        await h.DispatchAsync();

        var call = (await h.NotificationsAsync(number)).Single(n => n.Template == "status-update" && n.Channel == NotificationChannel.Voice);
        var twiml = h.Twilio.Accepted.Single(r => r.Sid == call.ProviderMessageId).Twiml!;
        Assert.DoesNotContain("<Gather", twiml);
        Assert.DoesNotContain("Press", twiml);
        Assert.Contains("Nothing was recorded", await KeypressAsync(h, call, "4"));
    }
}
