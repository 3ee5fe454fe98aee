using System.Net;
using System.Text.Json;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Drills;

/// <summary>
/// Drills end to end on the demo organisation's Severity 1 policy (Henry Castillo, then Aisha Karim, then the E-mail
/// service's area manager Leo Brandt, 5 minutes each), with Twilio's stand-in and a fake clock: each person paged answers
/// for themselves, nobody outside the policy hears, and the report names who failed and why.
/// </summary>
public sealed class DrillTests
{
    private const string HenryCell = "+18605550106";
    private const string LeoCell = "+18605550115";

    private static async Task<Guid> PolicyIdAsync(DispatchHarness h, string name = "Severity 1 escalation")
    {
        var list = await h.Admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK);
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        return items.EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> RunDrillAsync(DispatchHarness h)
    {
        var drill = await h.Admin.PostJson("/api/v1/drills", new { serviceId = await h.IdOfAsync("/api/v1/services", "E-mail"), policyId = await PolicyIdAsync(h) })
            .ExpectAsync(HttpStatusCode.Created);
        return drill.GetProperty("id").GetGuid();
    }

    private static async Task StepAsync(DispatchHarness h, TimeSpan by)
    {
        h.Time.Advance(by);
        await h.RunEngineAsync();
        await h.DispatchAsync();
    }

    private static JsonElement Person(JsonElement report, string name) =>
        report.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static string[] Findings(JsonElement person) => [.. person.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];

    [Theory, DatabaseData]
    public async Task Drill_ThreeTiersOneNeverAnswersOneNumberFails_ReportNamesBothWithTheReasonAndExactTimes(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        h.Twilio.InvalidNumbers[LeoCell] = true;
        var start = h.Time.GetUtcNow();

        var id = await RunDrillAsync(h);
        await StepAsync(h, TimeSpan.Zero);
        h.Time.Advance(TimeSpan.FromSeconds(90));
        using var reply = await h.TwilioPostAsync("/api/v1/twilio/sms", new() { ["From"] = HenryCell, ["To"] = TwilioStandIn.FromNumber, ["Body"] = "4", ["MessageSid"] = "SMdrill1" });
        var replyText = await reply.Content.ReadAsStringAsync();
        // Henry was tier 1's only person: his answer ends the tier's wait, so tier 2 is paged at once, not 5 minutes later.
        await StepAsync(h, TimeSpan.Zero);
        await StepAsync(h, TimeSpan.FromMinutes(5));   // Aisha's wait runs out: tier 3, Leo, whose number Twilio refuses
        await StepAsync(h, TimeSpan.FromMinutes(5));   // Leo's wait runs out: the drill ends
        await StepAsync(h, TimeSpan.FromMinutes(6));   // the follow-up

        Assert.Contains("This was a drill", replyText);
        var report = await h.Admin.GetAsync($"/api/v1/drills/{id}/report").ExpectAsync(HttpStatusCode.OK);
        var drill = report.GetProperty("drill");
        Assert.True(drill.GetProperty("finished").GetBoolean());
        Assert.Equal(3, drill.GetProperty("peoplePaged").GetInt32());
        Assert.Equal(1, drill.GetProperty("peopleReachable").GetInt32());
        Assert.Equal(start + TimeSpan.FromSeconds(90) + TimeSpan.FromMinutes(10), drill.GetProperty("endedAt").GetDateTimeOffset());

        var henry = Person(report, "Henry Castillo");
        Assert.True(henry.GetProperty("reachable").GetBoolean());
        Assert.Equal(1, henry.GetProperty("tier").GetInt32());
        Assert.Equal(90, henry.GetProperty("fastestSeconds").GetDouble());
        Assert.Equal("Sms", henry.GetProperty("fastestChannel").GetString());
        var henrySms = henry.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "Sms");
        Assert.Equal(start, henrySms.GetProperty("pagedAt").GetDateTimeOffset());
        Assert.Equal(start + TimeSpan.FromSeconds(90), henrySms.GetProperty("answeredAt").GetDateTimeOffset());

        var aisha = Person(report, "Aisha Karim");
        Assert.False(aisha.GetProperty("reachable").GetBoolean());
        Assert.Equal(2, aisha.GetProperty("tier").GetInt32());
        Assert.Contains("NoAnswer", Findings(aisha));
        Assert.DoesNotContain("FailedNumber", Findings(aisha));
        Assert.Equal("No answer on any channel before the tier's wait ran out.", aisha.GetProperty("reason").GetString());
        Assert.All(aisha.GetProperty("channels").EnumerateArray(), c => Assert.Equal(start + TimeSpan.FromSeconds(90), c.GetProperty("pagedAt").GetDateTimeOffset()));

        var leo = Person(report, "Leo Brandt");
        Assert.False(leo.GetProperty("reachable").GetBoolean());
        Assert.Equal(3, leo.GetProperty("tier").GetInt32());
        Assert.Contains("FailedNumber", Findings(leo));
        Assert.Contains("21211", leo.GetProperty("reason").GetString());
        Assert.DoesNotContain(LeoCell, report.GetRawText());
        Assert.All(leo.GetProperty("channels").EnumerateArray(), c => Assert.Equal(start + TimeSpan.FromSeconds(90) + TimeSpan.FromMinutes(5), c.GetProperty("pagedAt").GetDateTimeOffset()));

        // A drill pages its policy and nobody else: no directors, no help desk alarm at the end, no service-level targets.
        var number = drill.GetProperty("incidentNumber").GetString()!;
        var notifications = await h.NotificationsAsync(number);
        var paged = await h.InDbAsync(db => db.People.Where(p => notifications.Select(n => n.PersonId).Contains(p.Id)).Select(p => p.Name).ToListAsync());
        Assert.Equal(["Aisha Karim", "Henry Castillo", "Leo Brandt"], paged.Order(StringComparer.Ordinal));
        Assert.All(notifications, n => Assert.Equal("tier-page", n.Template));
        Assert.Equal(0, await h.InDbAsync(db => db.ServiceLevelResults.CountAsync()));
        Assert.Equal(0, await h.InDbAsync(db => db.EngineJobs.CountAsync(j => j.Kind == "AcknowledgeTarget" || j.Kind == "ResolveTarget" || j.Kind == "UpdateDue")));
        var incident = await h.IncidentAsync(number);
        Assert.True(incident.GetProperty("isDrill").GetBoolean());
        var timeline = await h.TimelineAsync(number);
        Assert.DoesNotContain(timeline, e => e.Kind == TimelineKinds.Acknowledged || e.Kind == EscalationTimelineKinds.EscalationExhausted);
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.DrillAnswered && e.Text.Contains("Henry Castillo") && e.Text.Contains("90 s"));
        Assert.Contains(timeline, e => e.Kind == EscalationTimelineKinds.DrillEnded);

        // The people who failed are told what to fix, by a channel that did not fail, with a link to their contact methods.
        var followUps = await h.InDbAsync(db => (from n in db.Notifications
                                                  join p in db.People on n.PersonId equals p.Id
                                                  where n.Template == "drill-follow-up"
                                                  select new { p.Name, n.Channel, n.Instruction }).ToListAsync());
        var leoTold = Assert.Single(followUps, f => f.Name == "Leo Brandt");
        Assert.Equal(NotificationChannel.Email, leoTold.Channel);
        Assert.Contains("wrong number or failed call", leoTold.Instruction);
        Assert.Contains("/directory", leoTold.Instruction);
        Assert.Contains("no answer or voicemail", Assert.Single(followUps, f => f.Name == "Aisha Karim").Instruction);
        Assert.NotNull((await h.Admin.GetAsync($"/api/v1/drills/{id}/report").ExpectAsync(HttpStatusCode.OK)).GetProperty("followUpSentAt").GetString());

        // The same numbers as CSV, one row per page.
        var csv = await h.Admin.GetStringAsync($"/api/v1/drills/{id}/report?format=csv");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("drill,incident,person,tier,reachable,fastest_seconds,flags,reason,channel", rows[0]);
        Assert.Equal(7, rows.Length);
        Assert.Contains(rows, r => r.Contains($",{number},Henry Castillo,1,true,90,") && r.Contains(",Sms,") && r.Contains(",90,"));
        Assert.Contains(rows, r => r.Contains("Leo Brandt,3,false") && r.Contains("21211"));
        using var pdf = await h.Admin.GetAsync($"/api/v1/drills/{id}/report?format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4]);


        // The drill history report (GET /api/v1/reports/drills) gives the same figures, in JSON and in CSV.
        var history = await h.Admin.GetAsync("/api/v1/reports/drills?from=2026-11-01&to=2026-11-30").ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(history.GetProperty("drills").EnumerateArray());
        Assert.Equal(number, row.GetProperty("incident").GetString());
        Assert.Equal("2026-11-24", row.GetProperty("date").GetString());
        Assert.Equal("E-mail", row.GetProperty("service").GetString());
        Assert.Equal(3, row.GetProperty("peoplePaged").GetInt32());
        Assert.Equal(1, row.GetProperty("peopleReachable").GetInt32());
        Assert.Equal(33.3, row.GetProperty("reachablePercent").GetDouble());
        Assert.Equal(90, row.GetProperty("medianSecondsToAcknowledge").GetDouble());
        Assert.Equal(1, row.GetProperty("failedNumber").GetInt32());
        Assert.Equal(1, row.GetProperty("noAnswer").GetInt32());
        Assert.Equal(0, row.GetProperty("bouncedEmail").GetInt32());
        Assert.DoesNotContain("Henry", history.GetRawText(), StringComparison.Ordinal);
        var historyCsv = (await h.Admin.GetStringAsync("/api/v1/reports/drills?from=2026-11-01&to=2026-11-30&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,startedAt,incident,service,policy,finished,peoplePaged,peopleReachable,reachablePercent,medianSecondsToAcknowledge,failedNumber,noAnswer,bouncedEmail,unverified",
            historyCsv[0].TrimEnd('\r'));
        Assert.StartsWith($"2026-11-24,{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{number},E-mail,Severity 1 escalation,true,3,1,33.3,90.0,1,1,0,", Assert.Single(historyCsv[1..]));
        Assert.Empty((await h.Admin.GetAsync("/api/v1/reports/drills?from=2026-10-01&to=2026-10-31").ExpectAsync(HttpStatusCode.OK)).GetProperty("drills").EnumerateArray());
        var badPeriod = await h.Admin.GetAsync("/api/v1/reports/drills?from=yesterday").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badPeriod.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Theory, DatabaseData]
    public async Task Drill_SecondDrillOfThePolicy_ComparedWithTheFirst(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var first = await RunDrillAsync(h);
        await StepAsync(h, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            await StepAsync(h, TimeSpan.FromMinutes(5));
        }
        var second = await RunDrillAsync(h);
        await StepAsync(h, TimeSpan.Zero);

        var report = await h.Admin.GetAsync($"/api/v1/drills/{second}/report").ExpectAsync(HttpStatusCode.OK);
        var history = await h.Admin.GetAsync("/api/v1/drills").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first, Assert.Single(report.GetProperty("previous").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.False(Person(report, "Henry Castillo").GetProperty("reachableLastTime").GetBoolean());
        Assert.Equal([second, first], history.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
    }

    [Theory, DatabaseData]
    public async Task Schedule_EveryTwoMonths_RunsWhenDueAndSchedulesTheNext(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        // 24 November 2026 10:00 in New York is the harness's clock: the first drill at 11:00 there, then every two months.
        var created = await h.Admin.PostJson("/api/v1/drill-schedules", new
        {
            name = "Bi-monthly Severity 1 drill",
            serviceId = await h.IdOfAsync("/api/v1/services", "E-mail"),
            policyId = await PolicyIdAsync(h),
            recurrence = "FREQ=MONTHLY;INTERVAL=2",
            firstAt = "2026-11-24T11:00:00",
            timeZone = "America/New_York",
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), created.GetProperty("nextRunAt").GetDateTimeOffset());

        await StepAsync(h, TimeSpan.FromMinutes(59));
        Assert.Empty((await h.Admin.GetAsync("/api/v1/drills").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await StepAsync(h, TimeSpan.FromMinutes(1));
        await h.RunEngineAsync();

        var drill = Assert.Single((await h.Admin.GetAsync("/api/v1/drills").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetGuid(), drill.GetProperty("scheduleId").GetGuid());
        Assert.Contains(await h.NotificationsAsync(drill.GetProperty("incidentNumber").GetString()!), n => n.Template == "tier-page");
        var schedule = Assert.Single((await h.Admin.GetAsync("/api/v1/drill-schedules").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        // Two months on, still 11:00 in New York (standard time still: 16:00 UTC).
        Assert.Equal(new DateTimeOffset(2027, 1, 24, 16, 0, 0, TimeSpan.Zero), schedule.GetProperty("nextRunAt").GetDateTimeOffset());
    }

    [Theory, DatabaseData]
    public async Task BadInput_ProblemDetailsBesideTheFieldAndNothingChanges(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var service = await h.IdOfAsync("/api/v1/services", "E-mail");
        var policy = await PolicyIdAsync(h);

        var badRule = await h.Admin.PostJson("/api/v1/drill-schedules", new { name = "x", serviceId = service, policyId = policy, recurrence = "every other month", firstAt = "2026-12-01T10:00:00", timeZone = "Mars/Olympus" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var noService = await h.Admin.PostJson("/api/v1/drills", new { serviceId = Guid.NewGuid(), policyId = policy }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var badFormat = await h.Admin.GetAsync($"/api/v1/drills/{Guid.NewGuid()}/report?format=xls").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await h.Admin.GetAsync($"/api/v1/drills/{Guid.NewGuid()}/report").ExpectProblemAsync(HttpStatusCode.NotFound);
        var viewer = await h.ClientAsAsync("Viewer");
        await viewer.PostJson("/api/v1/drills", new { serviceId = service, policyId = policy }).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.True(badRule.GetProperty("errors").TryGetProperty("recurrence", out _));
        Assert.True(badRule.GetProperty("errors").TryGetProperty("timeZone", out _));
        Assert.True(noService.GetProperty("errors").TryGetProperty("serviceId", out _));
        Assert.True(badFormat.GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(0, await h.InDbAsync(db => db.DrillSchedules.CountAsync()));
        Assert.Equal(0, await h.InDbAsync(db => db.Drills.CountAsync()));
        Assert.Equal(0, await h.InDbAsync(db => db.Incidents.CountAsync()));
    }
}
