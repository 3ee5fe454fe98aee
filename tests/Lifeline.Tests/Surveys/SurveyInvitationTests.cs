using System.Net;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Surveys;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Surveys;

public sealed class SurveyInvitationTests
{
    private static async Task<(string Number, string Link)> OpenResolveCloseAsync(EngineHarness h, string? reporterContact)
    {
        var serviceId = await h.IdOfAsync("/api/v1/services", "Internet Filtering");
        var opened = await h.Admin.PostJson("/api/v1/incidents", new { title = "Filtering blocks the intranet", serviceId, severity = 3, reporterName = "Pat Doe", reporterContact })
            .ExpectAsync(HttpStatusCode.Created);
        var number = opened.GetProperty("number").GetString()!;
        await h.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Rule removed" }).ExpectAsync(HttpStatusCode.OK);
        var closed = await h.Admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        return (number, closed.GetProperty("surveyLink").GetString()!);
    }

    [Theory, DatabaseData]
    public async Task Close_ReporterLeftEmail_SurveyInvitationQueuedWithTheLink(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (number, link) = await OpenResolveCloseAsync(h, "pat.doe@example.org");

        using var scope = h.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var invitation = await db.Notifications.SingleAsync(n => n.Template == "survey-invitation" && n.IncidentId == db.Incidents.Single(i => i.Number == number).Id);
        Assert.Equal(NotificationChannel.Email, invitation.Channel);
        Assert.Equal("pat.doe@example.org", invitation.Address);
        Assert.StartsWith("http://localhost:5080/survey/", link, StringComparison.Ordinal);
        var token = link.Split('/').Last();
        // The token is a credential: the database holds the link only encrypted with the key ring (a copy of it answers no survey).
        Assert.DoesNotContain(token, invitation.Link, StringComparison.Ordinal);

        var message = await scope.ServiceProvider.GetRequiredService<IMessageRenderer>().RenderAsync(invitation, CancellationToken.None);
        Assert.Contains(link, message.Text, StringComparison.Ordinal);
        Assert.Contains(number, message.Subject + message.Text, StringComparison.Ordinal);
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == SurveyTimelineKinds.SurveyInvitation && e.Text.Contains("queued for Pat Doe by Email"));
        // The token is a credential: the timeline never shows it.
        Assert.DoesNotContain(await h.TimelineAsync(number), e => e.Text.Contains(token, StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Close_ReporterLeftNoContact_NothingQueuedAndTimelineSaysSo(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (number, _) = await OpenResolveCloseAsync(h, null);

        Assert.DoesNotContain(await h.NotificationsAsync(number), n => n.Template == "survey-invitation");
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == SurveyTimelineKinds.SurveyInvitation && e.Text.Contains("give them the survey link"));
    }
}
