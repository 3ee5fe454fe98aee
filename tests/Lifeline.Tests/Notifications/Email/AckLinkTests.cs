using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Notifications.Email;

/// <summary>Acknowledging from the link in a page e-mail: GET shows, only POST acts, once, within 24 hours, while the incident is open.</summary>
public sealed partial class AckLinkTests
{
    /// <summary>The ack link in the tier page rendered for Henry Castillo (Incident Manager 1), as a path on the test server.</summary>
    private static async Task<string> AckLinkAsync(EngineHarness harness, string number, string template = TemplateKeys.TierPage,
        NotificationChannel channel = NotificationChannel.Email)
    {
        using var scope = harness.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var notification = await (from n in db.Notifications
                                  join i in db.Incidents on n.IncidentId equals i.Id
                                  where i.Number == number && n.Template == template && n.Channel == channel
                                  orderby n.CreatedAt
                                  select n).FirstAsync();
        var rendered = await scope.ServiceProvider.GetRequiredService<IMessageRenderer>().RenderAsync(notification, CancellationToken.None);
        var link = AckLink().Match(rendered.Text);
        Assert.True(link.Success, rendered.Text);
        Assert.StartsWith("http://localhost:5080/ack/", link.Value);
        return new Uri(link.Value).AbsolutePath;
    }

    /// <summary>The demo's chain pages by voice and SMS; these tests need a page that goes out by e-mail too, as a policy may say.</summary>
    private static async Task<string> OpenPagedByEmailAsync(EngineHarness harness)
    {
        var policies = await harness.Admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var policy = policies.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        var tiers = policy.GetProperty("tiers").EnumerateArray().Select(t => new
        {
            targets = t.GetProperty("targets").EnumerateArray()
                .Select(x => new { kind = x.GetProperty("kind").GetString(), id = x.GetProperty("id").ValueKind == JsonValueKind.Null ? (Guid?)null : x.GetProperty("id").GetGuid() }).ToList(),
            channels = t.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Append("Email").ToList(),
            wait = t.GetProperty("wait").GetString(),
        }).ToList();
        await harness.Admin.PutJson($"/api/v1/escalation-policies/{policy.GetProperty("id").GetGuid()}",
            new { name = policy.GetProperty("name").GetString(), repeatCount = policy.GetProperty("repeatCount").GetInt32(), tiers }).ExpectAsync(HttpStatusCode.OK);
        return await harness.OpenAsync();
    }

    private static async Task<IncidentStatus> StatusAsync(EngineHarness harness, string number)
    {
        using var scope = harness.Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().Incidents.Where(i => i.Number == number).Select(i => i.Status).SingleAsync();
    }

    [Theory, DatabaseData]
    public async Task AckLink_GetThenPost_OnlyPostAcknowledgesAndSecondPostIsRefused(DatabaseProvider provider)
    {
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenPagedByEmailAsync(harness);
        var path = await AckLinkAsync(harness, number);
        var browser = harness.Server.CreateClient();

        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", html);
        Assert.Contains(number, html);
        Assert.Equal(IncidentStatus.Escalating, await StatusAsync(harness, number));

        var acknowledged = await browser.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(IncidentStatus.Acknowledged, await StatusAsync(harness, number));
        var entry = (await harness.TimelineAsync(number)).Single(e => e.Kind == TimelineKinds.Acknowledged);
        Assert.Contains("via e-mail link", entry.Text);
        Assert.Contains("Henry Castillo", entry.Text);

        var again = await browser.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task AckLink_After25Hours_Refused410(DatabaseProvider provider)
    {
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenPagedByEmailAsync(harness);
        var path = await AckLinkAsync(harness, number);
        harness.Time.Advance(TimeSpan.FromHours(25));
        var response = await harness.Server.CreateClient().PostAsync(path, null);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(IncidentStatus.Escalating, await StatusAsync(harness, number));
    }

    [Theory, DatabaseData]
    public async Task AckLink_ClosedIncident_Refused410(DatabaseProvider provider)
    {
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenPagedByEmailAsync(harness);
        var path = await AckLinkAsync(harness, number);
        await harness.AcknowledgeAsync(number, "Aisha Karim");
        await harness.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "restarted" }).ExpectAsync(HttpStatusCode.OK);
        await harness.Admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        var browser = harness.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await browser.PostAsync(path, null)).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AckLink_AlteredToken_NotFoundAndNothingChanges(DatabaseProvider provider)
    {
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await OpenPagedByEmailAsync(harness);
        var path = await AckLinkAsync(harness, number);
        var altered = path[..^3] + (path[^3] == 'A' ? "B" : "A") + path[^2..];
        Assert.Equal(HttpStatusCode.NotFound, (await harness.Server.CreateClient().PostAsync(altered, null)).StatusCode);
        Assert.Equal(IncidentStatus.Escalating, await StatusAsync(harness, number));
    }

    [Theory, DatabaseData]
    public async Task AckLink_OfAPageNotSentByEmail_RefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var harness = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await harness.OpenAsync();
        var path = await AckLinkAsync(harness, number, channel: NotificationChannel.Sms);

        var response = await harness.Server.CreateClient().PostAsync(path, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(IncidentStatus.Escalating, await StatusAsync(harness, number));
    }

    [GeneratedRegex(@"https?://\S+/ack/\S+")]
    private static partial Regex AckLink();
}
