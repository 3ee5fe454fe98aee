using System.Net;
using Lifeline.Notifications;
using Lifeline.ServiceLevels;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.ServiceLevels;

public sealed class BreachNotificationTests
{
    private static readonly (string, NotificationChannel)[] ManagerAndLead =
    [
        ("Henry Castillo", NotificationChannel.Sms), ("Henry Castillo", NotificationChannel.Email),
        ("Morgan Hale", NotificationChannel.Sms), ("Morgan Hale", NotificationChannel.Email),
    ];

    private static async Task<List<(string, NotificationChannel)>> BreachNoticesAsync(EngineHarness h, string number) =>
        [.. (await h.NotificationsAsync(number)).Where(n => n.Template == "target-breached").Select(n => (n.Person, n.Channel)).Order()];

    [Theory, DatabaseData]
    public async Task AcknowledgeTargetPassed_IncidentManagerAndHelpDeskLeadToldOnce(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.Admin.PutJson($"/api/v1/incidents/{number}/incident-manager", new { personId = await h.IdOfAsync("/api/v1/people", "Henry Castillo") })
            .ExpectAsync(HttpStatusCode.OK);
        await h.AdvanceAsync(TimeSpan.FromMinutes(14));
        Assert.Empty(await BreachNoticesAsync(h, number));

        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(ManagerAndLead, await BreachNoticesAsync(h, number));
        var told = Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.BreachNotified);
        Assert.Contains("Henry Castillo (incident manager)", told.Text);
        Assert.Contains("Morgan Hale (help desk lead)", told.Text);

        // The engine runs again and again (and another instance may run the same pass): the breach is told once.
        await h.RunEngineAsync();
        await h.RunEngineAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(ManagerAndLead, await BreachNoticesAsync(h, number));
        Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.BreachNotified);
    }

    [Theory, DatabaseData]
    public async Task AcknowledgedLateBeforeTheCheckRan_BreachToldOnceAndTheCheckAddsNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        // The engine was down: nobody checked the target before the late acknowledgement came in.
        h.Time.Advance(TimeSpan.FromMinutes(20));
        await h.AcknowledgeAsync(number);
        Assert.Equal(ManagerAndLead, await BreachNoticesAsync(h, number));

        await h.RunEngineAsync();
        await h.RunEngineAsync();
        Assert.Equal(ManagerAndLead, await BreachNoticesAsync(h, number));
        Assert.Single(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.BreachNotified);
    }

    [Theory, DatabaseData]
    public async Task AcknowledgedInTime_NobodyToldOfABreach(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        await h.AcknowledgeAsync(number);
        await h.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Empty(await BreachNoticesAsync(h, number));
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Kind == ServiceLevelTimelineKinds.BreachNotified);
    }
}
