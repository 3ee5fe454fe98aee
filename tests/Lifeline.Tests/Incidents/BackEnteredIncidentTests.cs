using System.Net;
using System.Text.Json;
using Lifeline.Escalation;
using Lifeline.ServiceLevels;
using Lifeline.Storage;
using Lifeline.Surveys;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

/// <summary>
/// An incident typed in from a manual log after the fact (the seed: "entered into IMPACT upon its return availability")
/// sends nothing for events in the past unless asked, carries the times in the log, and is judged on them.
/// </summary>
public sealed class BackEnteredIncidentTests
{
    private static readonly TimeSpan FiveHours = TimeSpan.FromHours(5);

    private static async Task<string> OpenFromLogAsync(EngineHarness h, DateTimeOffset openedAt, bool? notify = null)
    {
        var serviceId = await h.IdOfAsync("/api/v1/services", "E-mail");
        var incident = await h.Admin.PostJson("/api/v1/incidents", new
        {
            title = "E-mail was down (from the paper log)", serviceId, severity = 1, reporterName = "Pat Doe", reporterContact = "pat.doe@example.org",
            openedAt, manualLogId = $"paper-{Guid.NewGuid():N}", notify,
        }).ExpectAsync(HttpStatusCode.Created);
        await h.RunEngineAsync();
        return incident.GetProperty("number").GetString()!;
    }

    private static async Task<List<JsonElement>> ServiceLevelsAsync(EngineHarness h, string number) =>
        [.. (await h.Admin.GetAsync($"/api/v1/incidents/{number}/service-levels").ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    [Theory, DatabaseData]
    public async Task SeverityOneFromAManualLog_SendsNothing_AndIsJudgedOnTheTimesInTheLog(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var opened = EngineHarness.DayShift - FiveHours;
        var number = await OpenFromLogAsync(h, opened);
        await h.AdvanceAsync(TimeSpan.FromMinutes(3));

        // Nobody paged, no director called, no escalation: the incident is Open, not Escalating.
        Assert.Empty(await h.NotificationsAsync(number));
        Assert.Empty((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray());
        Assert.Equal("Open", (await h.Admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.EscalationStarted && e.Text.Contains("nobody was paged or notified"));
        Assert.DoesNotContain(timeline, e => e.Kind == ServiceLevelTimelineKinds.UpdateReminder);
        // The targets long passed are judged already: both breached, for now.
        Assert.All(await ServiceLevelsAsync(h, number), r => Assert.Equal("Breached", r.GetProperty("outcome").GetString()));

        // The rest of the log: acknowledged after 10 minutes, Level 2 engaged, an update, resolved after 4 h 30, closed.
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var team = await h.IdOfAsync("/api/v1/teams", "Messaging Team");
        await h.Admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "phone", occurredAt = opened.AddMinutes(10) }).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/teams", new { teamIds = new[] { team }, occurredAt = opened.AddMinutes(20) }).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Mail relay replaced.", occurredAt = opened.AddMinutes(90) }).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Relay replaced.", occurredAt = opened.AddMinutes(270) }).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/close", new { occurredAt = opened.AddMinutes(280) }).ExpectAsync(HttpStatusCode.OK);
        await h.AdvanceAsync(TimeSpan.FromMinutes(70));

        var incident = await h.Admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(opened.AddMinutes(10), incident.GetProperty("acknowledgedAt").GetDateTimeOffset());
        Assert.Equal(opened.AddMinutes(270), incident.GetProperty("resolvedAt").GetDateTimeOffset());
        Assert.Equal(opened.AddMinutes(280), incident.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal(opened.AddMinutes(90), incident.GetProperty("statusUpdates")[0].GetProperty("postedAt").GetDateTimeOffset());
        // Still nothing sent: not the Level 2 team, not the stakeholders' status update, not the survey invitation.
        Assert.Empty(await h.NotificationsAsync(number));
        Assert.Equal("Stopped", Assert.Single((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray()).GetProperty("state").GetString());

        // Judged on the log's times: acknowledged within 15 minutes (the breach recorded meanwhile does not stand); resolved 30 minutes late.
        var results = await ServiceLevelsAsync(h, number);
        var acknowledge = results.Single(r => r.GetProperty("target").GetString() == "Acknowledge");
        Assert.Equal("Met", acknowledge.GetProperty("outcome").GetString());
        Assert.Equal(opened.AddMinutes(10), acknowledge.GetProperty("achievedAt").GetDateTimeOffset());
        var resolve = results.Single(r => r.GetProperty("target").GetString() == "Resolve");
        Assert.Equal("Breached", resolve.GetProperty("outcome").GetString());
        Assert.Equal(opened.AddMinutes(240), resolve.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(opened.AddMinutes(270), resolve.GetProperty("achievedAt").GetDateTimeOffset());

        timeline = await h.TimelineAsync(number);
        var met = Assert.Single(timeline, e => e.Kind == ServiceLevelTimelineKinds.TargetMet);
        Assert.Equal(opened.AddMinutes(10), met.OccurredAt);
        Assert.Contains("Acknowledged in 10 minutes: the Severity 1 target of 15 minutes was met", met.Text);
        Assert.Contains("the breach recorded earlier does not stand", met.Text);
        Assert.Contains(timeline, e => e.Kind == ServiceLevelTimelineKinds.TargetBreached && e.Text.Contains("Resolved in 270 minutes: 30 minutes past"));
        Assert.Contains(timeline, e => e.Kind == SurveyTimelineKinds.SurveyInvitation && e.Text.Contains("no survey invitation was sent"));
        Assert.DoesNotContain(timeline, e => e.Text.Contains("for 0 minutes", StringComparison.Ordinal));
        Assert.All(timeline.Where(e => e.Kind is "Acknowledged" or "Resolved" or "Closed" or "StatusUpdate" or "Level2TeamsNamed"), e => Assert.True(e.FromManualLog));
    }

    [Theory, DatabaseData]
    public async Task FromAManualLogWithNotify_PagesNow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenFromLogAsync(h, EngineHarness.DayShift.AddMinutes(-20), notify: true);

        Assert.Contains(await h.NotificationsAsync(number), n => n is { Person: "Henry Castillo", Template: "tier-page" });
        Assert.Equal("Active", Assert.Single((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray()).GetProperty("state").GetString());
    }

    [Theory, DatabaseData]
    public async Task FromAManualLogWithoutNotify_EscalateStartsPagingNow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenFromLogAsync(h, EngineHarness.DayShift.AddMinutes(-40));
        Assert.Empty(await h.NotificationsAsync(number));

        var escalation = await h.Admin.PostJson($"/api/v1/incidents/{number}/escalate", new { }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();

        Assert.Equal("Escalating", escalation.GetProperty("status").GetString());
        Assert.Contains(await h.NotificationsAsync(number), n => n is { Person: "Henry Castillo", Template: "tier-page" });
    }

    [Theory, DatabaseData]
    public async Task OccurredAt_BeforeTheStepBeforeOrInTheFuture_Returns400AndChangesNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var live = await h.OpenAsync();
        var problem = await h.Admin.PostJson($"/api/v1/incidents/{live}/acknowledge", new { personId = henry, occurredAt = EngineHarness.DayShift.AddMinutes(-30) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is before the incident was opened", problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString());

        var logged = await OpenFromLogAsync(h, EngineHarness.DayShift.AddHours(-2));
        problem = await h.Admin.PostJson($"/api/v1/incidents/{logged}/resolve", new { summary = "fixed", occurredAt = EngineHarness.DayShift.AddHours(1) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cannot be in the future", problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString());
        await h.Admin.PostJson($"/api/v1/incidents/{logged}/acknowledge", new { personId = henry, occurredAt = EngineHarness.DayShift.AddMinutes(-90) }).ExpectAsync(HttpStatusCode.OK);
        problem = await h.Admin.PostJson($"/api/v1/incidents/{logged}/resolve", new { summary = "fixed", occurredAt = EngineHarness.DayShift.AddMinutes(-100) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is before it was acknowledged", problem.GetProperty("errors").GetProperty("occurredAt")[0].GetString());

        var incident = await h.Admin.GetAsync($"/api/v1/incidents/{live}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("acknowledgedAt").ValueKind);
        incident = await h.Admin.GetAsync($"/api/v1/incidents/{logged}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("resolvedAt").ValueKind);
        Assert.Equal("Acknowledged", incident.GetProperty("status").GetString());
    }

    [Theory, DatabaseData]
    public async Task LiveIncident_AcknowledgedOfflineEarlier_KeepsTheTimeAndStopsPaging(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(8));
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        // Acknowledged by phone at minute 3 while the server could not be reached; the CLI's journal sends it now.
        await h.Admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "cli-journal", occurredAt = EngineHarness.DayShift.AddMinutes(3) })
            .ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();

        var incident = await h.Admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(EngineHarness.DayShift.AddMinutes(3), incident.GetProperty("acknowledgedAt").GetDateTimeOffset());
        Assert.Equal("Acknowledged", Assert.Single((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray()).GetProperty("state").GetString());
        var entry = Assert.Single(await h.TimelineAsync(number), e => e.Kind == "Acknowledged");
        Assert.True(entry.FromManualLog);
        Assert.Equal(EngineHarness.DayShift.AddMinutes(3), entry.OccurredAt);
    }

    [Theory, DatabaseData]
    public async Task LiveIncident_MetAndBreachedTargetsAreBothRecorded(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(4));
        await h.AcknowledgeAsync(number);
        await h.AdvanceAsync(TimeSpan.FromMinutes(241));

        var results = await ServiceLevelsAsync(h, number);
        Assert.Equal(["Acknowledge:Met", "Resolve:Breached"], results.Select(r => $"{r.GetProperty("target").GetString()}:{r.GetProperty("outcome").GetString()}"));
        Assert.Equal(EngineHarness.DayShift.AddMinutes(4), results[0].GetProperty("achievedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("achievedAt").ValueKind);
        var met = Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.TargetMet);
        Assert.Contains("Acknowledged in 4 minutes: the Severity 1 target of 15 minutes was met.", met.Text);
        // The reminder names the severity's real interval, not the job's span.
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.UpdateReminder && e.Text.Contains("asks for one every 60)"));
    }
}
