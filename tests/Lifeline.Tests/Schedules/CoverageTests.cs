using System.Net;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>Overrides, absences under each coverage rule, fairness, gaps, and paging through a role held by a schedule.</summary>
public sealed class CoverageTests
{
    private const string NewYork = "America/New_York";

    [Theory, DatabaseData]
    public async Task Override_InsideAShift_ReplacesAddsAndRefusesOverlap(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (jamie, riley, sam) = (await h.PeopleAsync("Jamie Cole"), await h.PersonAsync("Riley Park"), await h.PersonAsync("Sam Whitaker"));
        var id = (await h.CreateScheduleAsync("Weekly", NewYork, Layer("Weekly", jamie, 1, "Weeks", "2027-01-04", "08:00:00"))).Id();

        var made = await h.Admin.PostJson($"/api/v1/schedules/{id}/overrides",
            new { kind = "Replace", personId = riley, replacesId = jamie[0], from = Utc(2027, 1, 6, 15), to = Utc(2027, 1, 6, 19), reason = "dentist" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Riley Park", Assert.Single(made.GetProperty("overrides").EnumerateArray()).GetProperty("personName").GetString());
        await h.Admin.PostJson($"/api/v1/schedules/{id}/overrides", new { kind = "Add", personId = sam, from = Utc(2027, 1, 6, 20), to = Utc(2027, 1, 6, 21) })
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(
        [
            (Utc(2027, 1, 6, 0), Utc(2027, 1, 6, 15), "Jamie Cole"),
            (Utc(2027, 1, 6, 15), Utc(2027, 1, 6, 19), "Riley Park"),
            (Utc(2027, 1, 6, 19), Utc(2027, 1, 6, 20), "Jamie Cole"),
            (Utc(2027, 1, 6, 20), Utc(2027, 1, 6, 21), "Jamie Cole + Sam Whitaker"),
            (Utc(2027, 1, 6, 21), Utc(2027, 1, 7, 0), "Jamie Cole"),
        ], await h.FinalAsync(id, Utc(2027, 1, 6, 0), Utc(2027, 1, 7, 0)));
        var during = Assert.Single((await h.OnCallViewAsync(id, Utc(2027, 1, 6, 16))).GetProperty("onCall").EnumerateArray());
        Assert.Equal("override, instead of Jamie Cole: dentist", during.GetProperty("why").GetString());
        Assert.Equal((Utc(2027, 1, 6, 15), Utc(2027, 1, 6, 19)), (during.GetProperty("since").GetDateTimeOffset(), during.GetProperty("until").GetDateTimeOffset()));

        var overlap = await h.Admin.PostJson($"/api/v1/schedules/{id}/overrides", new { kind = "Remove", personId = jamie[0], from = Utc(2027, 1, 6, 18), to = Utc(2027, 1, 6, 22) })
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Overlapping override", overlap.GetProperty("title").GetString());
        Assert.Contains("2027-01-06 15:00", overlap.GetProperty("detail").GetString());
        Assert.Equal(2, (await h.Admin.GetAsync($"/api/v1/schedules/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("overrides").GetArrayLength());
    }

    [Theory, DatabaseData]
    public async Task Absence_EachCoverageRule_ShiftGoesToStandInNextOrLayerBelow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (paul, jamie, riley, nora) = (await h.PeopleAsync("Paul Dubois"), await h.PersonAsync("Jamie Cole"), await h.PersonAsync("Riley Park"), await h.PersonAsync("Nora Lindqvist"));
        var schedules = new Dictionary<string, Guid>();
        foreach (var rule in new[] { "StandIn", "NextInRotation", "LayerBelow" })
        {
            schedules[rule] = (await h.CreateScheduleAsync($"Cover by {rule}", NewYork,
                Layer("Base", paul, 1, "Weeks", "2027-01-04", "08:00:00"),
                Layer("Weekly", [jamie, riley], 1, "Weeks", "2027-01-04", "08:00:00", coverage: rule))).Id();
        }
        await h.Admin.PostJson($"/api/v1/people/{jamie}/availability", new { from = Utc(2027, 1, 5, 0), to = Utc(2027, 1, 7, 0), standInId = nora, reason = "training" })
            .ExpectAsync(HttpStatusCode.Created);

        var standIn = Assert.Single((await h.OnCallViewAsync(schedules["StandIn"], Utc(2027, 1, 6, 12))).GetProperty("onCall").EnumerateArray());
        Assert.Equal(("Nora Lindqvist", "stand-in for Jamie Cole (Weekly)"), (standIn.GetProperty("name").GetString(), standIn.GetProperty("why").GetString()));
        Assert.Equal((Utc(2027, 1, 5, 0), Utc(2027, 1, 7, 0)), (standIn.GetProperty("since").GetDateTimeOffset(), standIn.GetProperty("until").GetDateTimeOffset()));
        Assert.Equal(["Riley Park"], await h.OnCallAsync(schedules["NextInRotation"], Utc(2027, 1, 6, 12)));
        Assert.Equal(["Paul Dubois"], await h.OnCallAsync(schedules["LayerBelow"], Utc(2027, 1, 6, 12)));
        foreach (var id in schedules.Values)
        {
            Assert.Equal(["Jamie Cole"], await h.OnCallAsync(id, Utc(2027, 1, 7, 12))); // back
        }
    }

    [Theory, DatabaseData]
    public async Task Fairness_OverEightWeeks_SkippedPersonTakesBackTheCoveringColleaguesShift(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park", "Sam Whitaker", "Nora Lindqvist");
        var fair = (await h.CreateScheduleAsync("Fair", NewYork, Layer("Weekly", people, 1, "Weeks", "2027-01-04", "08:00:00", fairness: true))).Id();
        var plain = (await h.CreateScheduleAsync("Plain", NewYork, Layer("Weekly", people, 1, "Weeks", "2027-01-04", "08:00:00"))).Id();
        // Jamie is away for all of week 5 (1-8 February), Jamie's own week.
        await h.Admin.PostJson($"/api/v1/people/{people[0]}/availability", new { from = Utc(2027, 1, 31, 0), to = Utc(2027, 2, 8, 13) }).ExpectAsync(HttpStatusCode.Created);
        var (from, to) = (Utc(2027, 1, 4, 13), Utc(2027, 3, 1, 13));

        var fairWeeks = await WeeksAsync(fair);
        Assert.Equal(["Jamie Cole", "Riley Park", "Sam Whitaker", "Nora Lindqvist", "Riley Park", "Jamie Cole", "Sam Whitaker", "Nora Lindqvist"], fairWeeks);
        Assert.All(fairWeeks.CountBy(w => w), c => Assert.Equal(2, c.Value));
        var payback = await h.OnCallViewAsync(fair, Utc(2027, 2, 10, 12));
        Assert.Equal("rotation (Weekly), a shift owed to Riley Park", payback.GetProperty("onCall")[0].GetProperty("why").GetString());

        // Without fairness the colleague who covered carries the absence: three weeks against one.
        var plainWeeks = await WeeksAsync(plain);
        Assert.Equal(3, plainWeeks.Count(w => w == "Riley Park"));
        Assert.Equal(1, plainWeeks.Count(w => w == "Jamie Cole"));

        async Task<List<string>> WeeksAsync(Guid id)
        {
            var weeks = new List<string>();
            for (var week = from; week < to; week = week.AddDays(7))
            {
                weeks.Add(Assert.Single(await h.OnCallAsync(id, week.AddHours(12))));
            }
            return weeks;
        }
    }

    [Theory, DatabaseData]
    public async Task Gap_DetectedFlaggedAndWarnedWhenAChangeCreatesOne(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var jamie = await h.PeopleAsync("Jamie Cole");
        string[] weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

        var businessOnly = await h.CreateScheduleAsync("Business hours only", NewYork,
            Layer("Business", jamie, 1, "Weeks", "2026-11-23", "09:00:00", restrictions: new[] { new { days = weekdays, from = "09:00:00", to = "17:00:00" } }));
        Assert.Contains("Nobody is on call", businessOnly.GetProperty("warnings")[0].GetString());
        Assert.True(businessOnly.GetProperty("gapsNext4Weeks").GetArrayLength() >= 20);
        var shifts = await h.ShiftsAsync(businessOnly.Id(), Utc(2026, 11, 24, 14), Utc(2026, 11, 25, 14));
        Assert.Equal([false, true], shifts.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("gap").GetBoolean()));
        var gap = Assert.Single(shifts.GetProperty("gaps").EnumerateArray());
        Assert.Equal((Utc(2026, 11, 24, 22), Utc(2026, 11, 25, 14)), (gap.GetProperty("from").GetDateTimeOffset(), gap.GetProperty("to").GetDateTimeOffset()));
        Assert.True((await h.OnCallViewAsync(businessOnly.Id(), Utc(2026, 11, 25, 3))).GetProperty("isGap").GetBoolean());

        // A full-time schedule has no gap until an override takes its only person off for two hours tomorrow.
        var allDay = await h.CreateScheduleAsync("All day", NewYork, Layer("Weekly", jamie, 1, "Weeks", "2026-11-23", "08:00:00"));
        Assert.Empty(allDay.GetProperty("warnings").EnumerateArray());
        var changed = await h.Admin.PostJson($"/api/v1/schedules/{allDay.Id()}/overrides", new { kind = "Remove", personId = jamie[0], from = Utc(2026, 11, 25, 15), to = Utc(2026, 11, 25, 17) })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Contains("from 2026-11-25 15:00 to 2026-11-25 17:00 UTC", Assert.Single(changed.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Single(changed.GetProperty("gapsNext4Weeks").EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task SeverityOne_RoleHeldThroughSchedule_PagesWhoeverIsOnCallAndTheNextAfterHandOff(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var roles = await h.Admin.GetAsync("/api/v1/roles?q=incident manager 1").ExpectAsync(HttpStatusCode.OK);
        var im1 = roles.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Incident Manager 1");
        Assert.Equal(("schedule", "Incident Manager 1 rotation"), (im1.GetProperty("heldThrough").GetString(), im1.GetProperty("scheduleName").GetString()));

        // The week of 23 November: Henry Castillo is on call, Aisha Karim is the backup.
        var first = await h.OpenAsync();
        Assert.Equal(["Henry Castillo"], (await h.NotificationsAsync(first)).Where(n => n.Template == "tier-page").Select(n => n.Person).Distinct());
        Assert.Contains(await h.TimelineAsync(first), e => e.Text.Contains("on call in Incident Manager 1 rotation", StringComparison.Ordinal));

        // Monday 30 November 08:00 in New York (13:00 UTC) is the hand-off: Aisha Karim is paged first, then Henry Castillo as the backup.
        h.Time.Advance(new DateTimeOffset(2026, 11, 30, 13, 0, 30, TimeSpan.Zero) - h.Time.GetUtcNow());
        await h.RunEngineAsync();
        var second = await h.OpenAsync(title: "E-mail is down again");
        Assert.Equal(["Aisha Karim"], (await h.NotificationsAsync(second)).Where(n => n.Template == "tier-page").Select(n => n.Person).Distinct());
        await h.AdvanceAsync(TimeSpan.FromMinutes(6));
        var paged = (await h.NotificationsAsync(second)).Where(n => n.Template == "tier-page" && n.Channel == NotificationChannel.Voice).Select(n => n.Person).ToList();
        Assert.Equal(["Aisha Karim", "Henry Castillo"], paged.Take(2));
    }
}
