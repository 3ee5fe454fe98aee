using System.Net;
using Lifeline.Escalation;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Escalation;

/// <summary>An escalation that reaches the end of its policy unanswered is loud: the help desk and the service-area manager hear of it by every channel.</summary>
public sealed class EscalationExhaustedTests
{
    [Theory, DatabaseData]
    public async Task NobodyAcknowledges_HelpDeskAndServiceAreaManagerAlertedByEveryChannel_AndTheBoardShowsIt(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        Assert.DoesNotContain(await h.NotificationsAsync(number), n => n.Template == "escalation-exhausted");

        await h.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal("Exhausted", Assert.Single((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray()).GetProperty("state").GetString());
        var alarms = (await h.NotificationsAsync(number)).Where(n => n.Template == "escalation-exhausted").ToList();
        // The help desk manager and both technicians, the E-mail service's area manager, and the help desk's mailbox.
        Assert.Equal(["(team mailbox)", "Jamie Cole", "Leo Brandt", "Morgan Hale", "Riley Park"], alarms.Select(a => a.Person).Distinct().Order(StringComparer.Ordinal));
        // Every channel each has: Morgan Hale has a cell phone, an office phone and an e-mail address.
        Assert.Equal([NotificationChannel.Voice, NotificationChannel.Sms, NotificationChannel.Email],
            alarms.Where(a => a.Person == "Morgan Hale").Select(a => a.Channel));
        var entry = Assert.Single(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.EscalationExhausted);
        Assert.Contains("Alerted by every channel they have: ", entry.Text);
        Assert.Contains("the IT Help Desk mailbox", entry.Text);

        var board = await h.Admin.GetAsync("/api/v1/board").ExpectAsync(HttpStatusCode.OK);
        var row = board.GetProperty("incidents").EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);
        Assert.Equal(["Incident manager"], row.GetProperty("unanswered").EnumerateArray().Select(u => u.GetString()));

        // Once someone answers, the board stops shouting.
        await h.AcknowledgeAsync(number);
        board = await h.Admin.GetAsync("/api/v1/board").ExpectAsync(HttpStatusCode.OK);
        row = board.GetProperty("incidents").EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);
        Assert.Empty(row.GetProperty("unanswered").EnumerateArray());
    }
}
