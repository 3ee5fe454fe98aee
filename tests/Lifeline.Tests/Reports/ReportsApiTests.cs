using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Surveys;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Reports;

public sealed class ReportsApiTests
{
    /// <summary>23:00 in New York, the demo's zone: night.</summary>
    private static readonly DateTimeOffset Night = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task BadQuery_ProblemNamingTheField(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        foreach (var (query, field) in new[]
        {
            ("groupBy=team", "groupBy"), ("groupBy=2", "groupBy"), ("from=2026-02-30", "from"), ("to=yesterday", "to"),
            ("from=2026-11-02&to=2026-11-01", "from"), ("from=2020-01-01&to=2026-11-01", "to"), ("format=xml", "format"),
        })
        {
            foreach (var report in new[] { "incidents", "on-call-load", "escalations", "channels", "satisfaction" })
            {
                var problem = await admin.GetAsync($"/api/v1/reports/{report}?{query}").ExpectProblemAsync(HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{report}?{query}: {problem}");
            }
        }
    }

    [Theory, DatabaseData]
    public async Task Roles_IncidentManagersAdminsDirectorsAndViewersRead_OthersRefused(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        foreach (var role in new[] { LifelineRoles.IncidentManager, LifelineRoles.Stakeholder, LifelineRoles.Viewer })
        {
            await (await server.ClientAsAsync(role)).GetAsync("/api/v1/reports/incidents").ExpectAsync(HttpStatusCode.OK);
        }
        foreach (var role in new[] { LifelineRoles.Responder, LifelineRoles.Level1Technician })
        {
            await (await server.ClientAsAsync(role)).GetAsync("/api/v1/reports/on-call-load").ExpectAsync(HttpStatusCode.Forbidden);
        }
        await server.CreateClient().GetAsync("/api/v1/reports/incidents").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, DatabaseData]
    public async Task PagedAtNight_OnCallLoadEscalationsChannelsAndSatisfaction(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, Night);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(6));
        var paged = (await h.NotificationsAsync(number)).Where(n => n.Template == "tier-page").ToList();
        var people = paged.Select(n => n.Person).Distinct().Order().ToList();
        Assert.True(people.Count >= 2, string.Join(", ", paged));

        var load = await h.Admin.GetAsync("/api/v1/reports/on-call-load?from=2026-11-24&to=2026-11-25").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("America/New_York", load.GetProperty("timeZone").GetString());
        var weeks = load.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(people, weeks.Select(w => w.GetProperty("person").GetString()).Order());
        // One page per person, however many channels it went out on; 23:00 in New York is night; 24 November 2026 is in ISO week 48.
        Assert.All(weeks, w => Assert.Equal((1, 1, "2026-W48"), (w.GetProperty("pages").GetInt32(), w.GetProperty("nightPages").GetInt32(), w.GetProperty("week").GetString())));
        Assert.Contains(paged, n => paged.Count(m => m.Person == n.Person) > 1);

        var escalations = await h.Admin.GetAsync("/api/v1/reports/escalations?from=2026-11-24&to=2026-11-25").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 100.0), (escalations.GetProperty("total").GetProperty("escalations").GetInt32(),
            escalations.GetProperty("total").GetProperty("neededTier2OrLater").GetInt32(), escalations.GetProperty("total").GetProperty("neededTier2OrLaterPercent").GetDouble()));

        // Nothing was sent (the dispatcher does not run here): every notification is unfinished and no rate is given.
        var channels = await h.Admin.GetAsync("/api/v1/reports/channels?from=2026-11-24&to=2026-11-25").ExpectAsync(HttpStatusCode.OK);
        var sms = channels.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "Sms");
        Assert.Equal(sms.GetProperty("notifications").GetInt32(), sms.GetProperty("unfinished").GetInt32());
        Assert.Equal(JsonValueKind.Null, sms.GetProperty("successPercent").ValueKind);

        using (var scope = h.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var id = await db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken);
            foreach (var (rating, comment) in new[] { (5, "Quick and clear."), (4, (string?)null), (2, "=HYPERLINK(\"x\") too slow") })
            {
                var (invitation, _) = SurveyInvitation.Create(id, Night, TimeSpan.FromDays(14));
                invitation.Answer(rating, comment, Night.AddHours(1));
                db.SurveyInvitations.Add(invitation);
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var satisfaction = await h.Admin.GetAsync("/api/v1/reports/satisfaction?from=2026-11-24&to=2026-11-25").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, satisfaction.GetProperty("answerCount").GetInt32());
        Assert.Equal(3.7, satisfaction.GetProperty("averageRating").GetDouble());
        Assert.Equal([0, 1, 0, 1, 1], satisfaction.GetProperty("distribution").EnumerateArray().Select(d => d.GetProperty("answers").GetInt32()));
        var csv = await h.Admin.GetStringAsync("/api/v1/reports/satisfaction?from=2026-11-24&to=2026-11-25&format=csv", TestContext.Current.CancellationToken);
        Assert.StartsWith("incident,answeredAt,rating,comment\r\n", csv);
        Assert.Contains($"{number},2026-11-25T05:00:00Z,5,Quick and clear.", csv);
        // A comment that a spreadsheet would run as a formula is escaped.
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
    }
}
