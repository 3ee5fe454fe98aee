using System.Net;
using Lifeline.Communication;
using Lifeline.Escalation;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Escalation;

public sealed class CommunicationPlanScenarioTests
{
    [Theory, DatabaseData]
    public async Task OffShift_DirectorOfOperationsCalledAndAskedToInformCioAndDcio(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.OffShift);
        var number = await h.OpenAsync();

        var notices = (await h.NotificationsAsync(number)).Where(n => n.Template == "initial").ToList();
        var call = Assert.Single(notices);
        Assert.Equal(("Grace Okafor", NotificationChannel.Voice), (call.Person, call.Channel));
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == CommunicationTimelineKinds.StakeholdersNotified && e.Text.StartsWith("Off shift (outside business hours", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Kind == CommunicationTimelineKinds.TaskAssigned && e.Text.Contains("Grace Okafor") && e.Text.Contains("CIO and DCIO"));

        // The Director confirms the calls were made: the task is done and on the timeline.
        var escalation = await h.EscalationAsync(number);
        var task = Assert.Single(escalation.GetProperty("tasks").EnumerateArray());
        var anotherStakeholder = await h.Server.ClientForPersonAsync("Priya Raman", "Stakeholder");
        await anotherStakeholder.PostAsync($"/api/v1/incidents/{number}/tasks/{task.GetProperty("id").GetString()}/confirm", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var stakeholder = await h.Server.ClientForPersonAsync("Grace Okafor", "Stakeholder");
        var confirmed = await stakeholder.PostAsync($"/api/v1/incidents/{number}/tasks/{task.GetProperty("id").GetString()}/confirm", null).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, confirmed.GetProperty("confirmedAt").ValueKind);
        await stakeholder.PostAsync($"/api/v1/incidents/{number}/tasks/{task.GetProperty("id").GetString()}/confirm", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == CommunicationTimelineKinds.TaskConfirmed);

        // Off shift, status updates still go to all three by e-mail.
        await h.AcknowledgeAsync(number);
        await h.Admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Working on it." }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, (await h.NotificationsAsync(number)).Count(n => n.Template == "status-update" && n.Channel == NotificationChannel.Email));
    }

    [Theory, DatabaseData]
    public async Task Holiday_CountsAsOffShift(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.Holiday);
        var number = await h.OpenAsync();

        var call = Assert.Single(await h.NotificationsAsync(number), n => n.Template == "initial");
        Assert.Equal(("Grace Okafor", NotificationChannel.Voice), (call.Person, call.Channel));
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == CommunicationTimelineKinds.StakeholdersNotified && e.Text.Contains("holiday: Thanksgiving Day"));
    }

    [Theory, DatabaseData]
    public async Task EmailCannotBeDelivered_FallsBackToPhoneAndTimelineShowsBoth(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();

        using (var scope = h.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
            var cio = await db.People.SingleAsync(p => p.Name == "Priya Raman");
            var email = await db.Notifications.SingleAsync(n => n.PersonId == cio.Id && n.Template == "initial");
            var fallback = await outbox.FailAsync(email, "550 5.1.1 mailbox unavailable", CancellationToken.None);
            await db.SaveChangesAsync();
            Assert.NotNull(fallback);
        }

        var sent = await h.NotificationsAsync(number);
        Assert.Contains(sent, n => n is { Person: "Priya Raman", Channel: NotificationChannel.Email, Status: NotificationStatus.Failed });
        Assert.Contains(sent, n => n is { Person: "Priya Raman", Channel: NotificationChannel.Voice, Template: "initial", Status: NotificationStatus.Pending });
        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.NotificationFailed && e.Text.Contains("Email to Priya Raman failed") && e.Text.Contains("550"));
        Assert.Contains(timeline, e => e.Kind == NotificationTimelineKinds.FallbackQueued && e.Text.Contains("from Email to Voice for Priya Raman"));
    }

    [Theory, DatabaseData]
    public async Task SeverityTwo_NormalBusinessProcess_QueuedForOwningTeamsWithoutPaging(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync(severity: 2, title: "E-mail is slow for some users");

        var sent = await h.NotificationsAsync(number);
        Assert.DoesNotContain(sent, n => n.Template is "tier-page" or "initial");
        Assert.Equal(3, sent.Count(n => n is { Person: "(team mailbox)", Template: "queue-notice" })); // Enterprise Services' three teams
        Assert.Empty((await h.EscalationAsync(number)).GetProperty("runs").EnumerateArray());
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.QueuedForTeam && e.Text.Contains("Messaging Team"));
    }

    [Theory, DatabaseData]
    public async Task SeverityRaisedToOne_StartsEscalation(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync(severity: 2);
        await h.Admin.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 1, reason = "The whole agency is affected." }).ExpectAsync(HttpStatusCode.OK);
        await h.RunEngineAsync();

        Assert.Contains(await h.NotificationsAsync(number), n => n is { Person: "Henry Castillo", Template: "tier-page" });
        Assert.Equal("Active", (await h.EscalationAsync(number)).GetProperty("runs")[0].GetProperty("state").GetString());
    }
}
