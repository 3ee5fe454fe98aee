using System.Net;
using Lifeline.ServiceLevels;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Escalation;

public sealed class ServiceLevelTests
{
    [Theory, DatabaseData]
    public async Task AcknowledgeTarget_Passed_BreachOnTimelineAtTheTargetTime(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(14));
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached);

        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        var breach = Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached);
        Assert.Contains("acknowledge within 15 minutes", breach.Text);
        Assert.Equal(EngineHarness.DayShift.AddMinutes(15), breach.OccurredAt);
    }

    [Theory, DatabaseData]
    public async Task AcknowledgedInTime_NoBreach(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(3));
        await h.AcknowledgeAsync(number);
        await h.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached && e.Text.Contains("acknowledge"));
    }

    [Theory, DatabaseData]
    public async Task NoStatusUpdateWithinInterval_IncidentManagerReminded_UpdateRestartsTheClock(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AcknowledgeAsync(number);

        await h.AdvanceAsync(TimeSpan.FromMinutes(61));
        var reminders = (await h.NotificationsAsync(number)).Where(n => n.Template == "update-reminder").ToList();
        Assert.Equal(["Henry Castillo", "Henry Castillo"], reminders.Select(r => r.Person));
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.UpdateReminder && e.Text.Contains("Reminded Henry Castillo"));

        await h.Admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Still working." }).ExpectAsync(HttpStatusCode.OK);
        await h.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(2, (await h.NotificationsAsync(number)).Count(n => n.Template == "update-reminder"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(4, (await h.NotificationsAsync(number)).Count(n => n.Template == "update-reminder"));
    }

    [Theory, DatabaseData]
    public async Task PolicyEditedDuringEscalation_RunningEscalationKeepsItsSnapshot(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        var policies = await h.Admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var policy = policies.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        var cto = await h.IdOfAsync("/api/v1/people", "Marcus Bell");
        await h.Admin.PutJson($"/api/v1/escalation-policies/{policy.GetProperty("id").GetString()}", new
        {
            name = policy.GetProperty("name").GetString(),
            repeatCount = 0,
            tiers = new[] { new { targets = new object[] { new { kind = "Person", id = cto } }, channels = new[] { "Voice" }, wait = "00:01:00" } },
        }).ExpectAsync(HttpStatusCode.OK);

        await h.AdvanceAsync(TimeSpan.FromMinutes(6));
        var sent = await h.NotificationsAsync(number);
        Assert.Contains(sent, n => n.Person == "Aisha Karim");
        Assert.DoesNotContain(sent, n => n.Person == "Marcus Bell");

        var next = await h.OpenAsync(title: "Second outage");
        Assert.Equal(["Marcus Bell"], (await h.NotificationsAsync(next)).Where(n => n.Template == "tier-page").Select(n => n.Person));
    }

    [Theory, DatabaseData]
    public async Task SeverityLoweredThenRaised_TargetsFollowTheSeverityAndPagingStopsThenRestarts(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.Admin.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 2, reason = "a bypass exists" }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        Assert.Equal("Stopped", (await h.EscalationAsync(number)).GetProperty("runs")[0].GetProperty("state").GetString());

        // Severity 2 gives an hour to acknowledge: no breach at 16 minutes, one at 61.
        await h.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached);
        await h.AdvanceAsync(TimeSpan.FromMinutes(45));
        Assert.Contains("Severity 2 target to acknowledge within 60 minutes",
            Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached).Text);

        // Back to Severity 1: a new escalation, and the tighter target (long passed) is recorded at once.
        await h.Admin.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 1, reason = "spreading" }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();
        var runs = (await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["Stopped", "Active"], runs.Select(r => r.GetProperty("state").GetString()));
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetBreached && e.Text.Contains("Severity 1 target to acknowledge within 15 minutes"));
    }
}
