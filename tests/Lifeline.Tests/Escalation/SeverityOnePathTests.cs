using System.Net;
using Lifeline.Communication;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Targets;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Escalation;

/// <summary>The Severity 1 path of the design, end to end through the API with a fake clock.</summary>
public sealed class SeverityOnePathTests
{
    [Theory, DatabaseData]
    public async Task SeverityOne_DayShift_PagesChainInformsDirectorsEngagesLevel2AndStopsOnAcknowledgement(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();

        // Tier 1: Incident Manager 1 by cell (voice, then SMS); the directors get the initial e-mail (day shift).
        var sent = await h.NotificationsAsync(number);
        // Both are written at the same instant, so compare them as a set.
        Assert.Equal([("Henry Castillo", NotificationChannel.Voice), ("Henry Castillo", NotificationChannel.Sms)],
            sent.Where(n => n.Template == "tier-page").Select(n => (n.Person, n.Channel)).OrderBy(n => n.Channel));
        Assert.Equal(["Grace Okafor", "Priya Raman", "Tomas Ortega"],
            sent.Where(n => n.Template == "initial").Select(n => n.Person).Order());
        Assert.All(sent.Where(n => n.Template == "initial"), n => Assert.Equal(NotificationChannel.Email, n.Channel));
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == CommunicationTimelineKinds.StakeholdersNotified && e.Text.StartsWith("Day shift", StringComparison.Ordinal));

        // Acknowledged within the tier: nobody else is paged, however long we wait.
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        await h.AcknowledgeAsync(number);
        await h.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.DoesNotContain(await h.NotificationsAsync(number), n => n.Person is "Aisha Karim" or "Leo Brandt");
        var escalation = await h.EscalationAsync(number);
        var run = escalation.GetProperty("runs")[0];
        Assert.Equal("Acknowledged", run.GetProperty("state").GetString());
        Assert.Equal(JsonValueKindNull, run.GetProperty("nextStepAt").ValueKind);

        // The incident manager names a Level 2 team: its members are paged with the ticket and the bridge.
        var messaging = await h.IdOfAsync("/api/v1/teams", "Messaging Team");
        var engaged = await h.Admin.PostJson($"/api/v1/incidents/{number}/teams", new { teamIds = new[] { messaging } }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        var level2 = (await h.NotificationsAsync(number)).Where(n => n.Template == "level2-page").ToList();
        Assert.Equal(["Chris Adeyemi", "Chris Adeyemi", "Hannah Kowalski", "Hannah Kowalski"], level2.Select(n => n.Person).Order());
        Assert.Contains(engaged.GetProperty("runs").EnumerateArray(), r => r.GetProperty("team").GetString() == "Messaging Team");
        var incident = await h.Admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(incident.GetProperty("bridge").GetProperty("dialIn").GetString()));

        // The team acknowledges separately, through one of its members; a responder of another team may not.
        var outsider = await h.Server.ClientForPersonAsync("Marcus Bell", "Responder");
        await outsider.PostAsync($"/api/v1/incidents/{number}/teams/{messaging}/acknowledge", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var responder = await h.Server.ClientForPersonAsync("Chris Adeyemi", "Responder");
        var acked = await responder.PostAsync($"/api/v1/incidents/{number}/teams/{messaging}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Acknowledged", acked.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("team").GetString() == "Messaging Team").GetProperty("state").GetString());

        // Status update and resolution reach the directors from their templates.
        await h.Admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Isolated to the mail relay.", isolatedTo = "mail relay" }).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Relay restarted." }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        sent = await h.NotificationsAsync(number);
        Assert.Equal(3, sent.Count(n => n.Template == "status-update" && n.Channel == NotificationChannel.Email));
        Assert.Equal(3, sent.Count(n => n.Template == "resolution" && n.Channel == NotificationChannel.Email));

        timeline = await h.TimelineAsync(number);
        foreach (var kind in new[] { EscalationTimelineKinds.EscalationStarted, EscalationTimelineKinds.Paged, EscalationTimelineKinds.EscalationStopped,
            EscalationTimelineKinds.TeamPaged, EscalationTimelineKinds.TeamAcknowledged, TimelineKinds.StatusUpdate, TimelineKinds.Resolved })
        {
            Assert.Contains(timeline, e => e.Kind == kind);
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory, DatabaseData]
    public async Task SeverityOne_NobodyAcknowledges_EveryTierThenEveryRepeatThenEnds(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();

        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Contains(await h.NotificationsAsync(number), n => n.Person == "Aisha Karim");
        Assert.DoesNotContain(await h.NotificationsAsync(number), n => n.Person == "Leo Brandt");
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Contains(await h.NotificationsAsync(number), n => n.Person == "Leo Brandt"); // E-mail's service area manager

        // The demo policy repeats twice: three rounds of three tiers, five minutes each, then it ends.
        await h.AdvanceAsync(TimeSpan.FromMinutes(40));
        var pages = (await h.NotificationsAsync(number)).Where(n => n.Template == "tier-page").ToList();
        foreach (var person in new[] { "Henry Castillo", "Aisha Karim", "Leo Brandt" })
        {
            Assert.Equal(6, pages.Count(n => n.Person == person)); // 3 rounds x (voice + SMS)
        }
        Assert.Equal(18, pages.Count);
        var run = (await h.EscalationAsync(number)).GetProperty("runs")[0];
        Assert.Equal("Exhausted", run.GetProperty("state").GetString());
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.EscalationExhausted);
    }

    [Theory, DatabaseData]
    public async Task SeverityOne_AcknowledgedAtSecondTier_ThirdTierNeverPagedAndPendingCancelled(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(6));
        Assert.Contains(await h.NotificationsAsync(number), n => n.Person == "Aisha Karim");

        await h.AcknowledgeAsync(number, "Aisha Karim");
        await h.AdvanceAsync(TimeSpan.FromHours(1));

        var sent = await h.NotificationsAsync(number);
        Assert.DoesNotContain(sent, n => n.Person == "Leo Brandt");
        Assert.Equal(4, sent.Count(n => n.Template == "tier-page"));
        // Pages not yet handed to a channel when the acknowledgement came are not sent.
        Assert.All(sent.Where(n => n.Template == "tier-page"), n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
        var stopped = Assert.Single(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.EscalationStopped);
        Assert.Contains("acknowledged by", stopped.Text);
    }

    [Theory, DatabaseData]
    public async Task SeverityOne_IncidentManagerOutOfOffice_SkippedAtOnceAndBackupPaged(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        await h.Admin.PostJson($"/api/v1/people/{henry}/availability", new
        {
            from = h.Time.GetUtcNow().AddDays(-1), to = h.Time.GetUtcNow().AddDays(3), reason = "annual leave",
        }).ExpectAsync(HttpStatusCode.Created);

        var number = await h.OpenAsync();

        var pages = (await h.NotificationsAsync(number)).Where(n => n.Template == "tier-page").ToList();
        Assert.DoesNotContain(pages, n => n.Person == "Henry Castillo");
        Assert.Equal(["Aisha Karim", "Aisha Karim"], pages.Select(n => n.Person)); // no five-minute wait on an empty tier
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == TargetTimelineKinds.TargetSkipped && e.Text.Contains("Henry Castillo") && e.Text.Contains("annual leave"));
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.TierSkipped && e.Text.Contains("reached nobody"));
    }

    [Theory, DatabaseData]
    public async Task EscalateNow_DuringFirstTier_PagesSecondTierAtOnce(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();

        await h.Admin.PostAsync($"/api/v1/incidents/{number}/escalate", null).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();

        Assert.Contains(await h.NotificationsAsync(number), n => n.Person == "Aisha Karim");
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.EscalatedManually);
    }

    [Theory, DatabaseData]
    public async Task EscalateNow_AfterAcknowledgement_Refused409(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AcknowledgeAsync(number);
        await h.Admin.PostAsync($"/api/v1/incidents/{number}/escalate", null).ExpectProblemAsync(HttpStatusCode.Conflict);
    }
}
