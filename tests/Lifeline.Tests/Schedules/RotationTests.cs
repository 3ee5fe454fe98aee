using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using NodaTime;
using NodaTime.Extensions;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>Rotations, patterns and restrictions through the API, in America/New_York, across daylight-saving changes.</summary>
public sealed class RotationTests
{
    private const string NewYork = "America/New_York";

    private static LocalDateTime Local(DateTimeOffset instant) => instant.ToInstant().InZone(DateTimeZoneProviders.Tzdb[NewYork]).LocalDateTime;

    [Theory, DatabaseData]
    public async Task WeeklyRotation_AcrossSpringAndAutumnDst_HandOffStaysAt0800Local(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park", "Sam Whitaker");
        var spring = (await h.CreateScheduleAsync("Spring", NewYork, Layer("Weekly", people, 1, "Weeks", "2027-03-01", "08:00:00"))).Id();
        var autumn = (await h.CreateScheduleAsync("Autumn", NewYork, Layer("Weekly", people, 1, "Weeks", "2027-10-25", "08:00:00"))).Id();

        var springShifts = await h.FinalAsync(spring, Utc(2027, 3, 1, 13), Utc(2027, 3, 29, 12));
        Assert.Equal(
        [
            (Utc(2027, 3, 1, 13), Utc(2027, 3, 8, 13), "Jamie Cole"),
            (Utc(2027, 3, 8, 13), Utc(2027, 3, 15, 12), "Riley Park"), // 167 hours: the clocks went forward on the 14th
            (Utc(2027, 3, 15, 12), Utc(2027, 3, 22, 12), "Sam Whitaker"),
            (Utc(2027, 3, 22, 12), Utc(2027, 3, 29, 12), "Jamie Cole"),
        ], springShifts);
        var autumnShifts = await h.FinalAsync(autumn, Utc(2027, 10, 25, 12), Utc(2027, 11, 15, 13));
        Assert.Equal(
        [
            (Utc(2027, 10, 25, 12), Utc(2027, 11, 1, 12), "Jamie Cole"),
            (Utc(2027, 11, 1, 12), Utc(2027, 11, 8, 13), "Riley Park"), // 169 hours: the clocks went back on the 7th
            (Utc(2027, 11, 8, 13), Utc(2027, 11, 15, 13), "Sam Whitaker"),
        ], autumnShifts);
        Assert.All(springShifts.Concat(autumnShifts), s => Assert.Equal((IsoDayOfWeek.Monday, new LocalTime(8, 0)), (Local(s.From).DayOfWeek, Local(s.From).TimeOfDay)));

        // Who is on call, since and until when, and why, on either side of the first hand-off after the change.
        var before = await h.OnCallViewAsync(spring, Utc(2027, 3, 15, 11, 30));
        var riley = Assert.Single(before.GetProperty("onCall").EnumerateArray());
        Assert.Equal("Riley Park", riley.GetProperty("name").GetString());
        Assert.Equal(Utc(2027, 3, 8, 13), riley.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(Utc(2027, 3, 15, 12), riley.GetProperty("until").GetDateTimeOffset());
        Assert.Equal("rotation (Weekly)", riley.GetProperty("why").GetString());
        Assert.Equal("Sam Whitaker", before.GetProperty("next").GetProperty("people")[0].GetProperty("name").GetString());
        Assert.Equal(["Sam Whitaker"], await h.OnCallAsync(spring, Utc(2027, 3, 15, 12)));
    }

    [Theory, DatabaseData]
    public async Task TwelveHourDayNight_AcrossSpringDst_ShiftsStayAt0800And2000Local(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Nora Lindqvist", "Ravi Menon");
        var id = (await h.CreateScheduleAsync("Day and night", NewYork, Layer("Day/night", people, 12, "Hours", "2027-03-13", "08:00:00"))).Id();

        var shifts = await h.FinalAsync(id, Utc(2027, 3, 13, 13), Utc(2027, 3, 15, 12));

        Assert.Equal(
        [
            (Utc(2027, 3, 13, 13), Utc(2027, 3, 14, 1), "Nora Lindqvist"),
            (Utc(2027, 3, 14, 1), Utc(2027, 3, 14, 12), "Ravi Menon"), // the night the clocks go forward is 11 hours
            (Utc(2027, 3, 14, 12), Utc(2027, 3, 15, 0), "Nora Lindqvist"),
            (Utc(2027, 3, 15, 0), Utc(2027, 3, 15, 12), "Ravi Menon"),
        ], shifts);
        Assert.All(shifts, s => Assert.Contains(Local(s.From).TimeOfDay, new[] { new LocalTime(8, 0), new LocalTime(20, 0) }));
    }

    [Theory, DatabaseData]
    public async Task WeekdayRestriction_BusinessHoursLayerOverBase_WeekdaysOnlyDoesNotSkipPeople(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (paul, lena, derek) = (await h.PeopleAsync("Paul Dubois"), await h.PersonAsync("Lena Fischer"), await h.PersonAsync("Derek Osei"));
        string[] weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
        var id = (await h.CreateScheduleAsync("Support", NewYork,
            Layer("Base", paul, 1, "Weeks", "2026-12-28", "09:00:00"),
            Layer("Business hours", [lena, derek], 1, "Days", "2027-01-04", "09:00:00", shiftDays: weekdays,
                restrictions: new[] { new { days = weekdays, from = "09:00:00", to = "17:00:00" } }))).Id();

        // January is EST (UTC-5): 09:00-17:00 local is 14:00-22:00 UTC.
        Assert.Equal(["Lena Fischer"], await h.OnCallAsync(id, Utc(2027, 1, 4, 15)));
        Assert.Equal(["Derek Osei"], await h.OnCallAsync(id, Utc(2027, 1, 5, 15)));
        Assert.Equal(["Paul Dubois"], await h.OnCallAsync(id, Utc(2027, 1, 6, 1)));   // Tuesday 20:00: outside the window
        Assert.Equal(["Lena Fischer"], await h.OnCallAsync(id, Utc(2027, 1, 8, 15)));  // Friday
        Assert.Equal(["Paul Dubois"], await h.OnCallAsync(id, Utc(2027, 1, 9, 15)));   // Saturday: the business layer has nobody
        Assert.Equal(["Derek Osei"], await h.OnCallAsync(id, Utc(2027, 1, 11, 15)));  // the weekend did not count as a turn
        var monday = await h.FinalAsync(id, Utc(2027, 1, 4, 5), Utc(2027, 1, 5, 5));
        Assert.Equal(
        [
            (Utc(2027, 1, 4, 5), Utc(2027, 1, 4, 14), "Paul Dubois"),
            (Utc(2027, 1, 4, 14), Utc(2027, 1, 4, 22), "Lena Fischer"),
            (Utc(2027, 1, 4, 22), Utc(2027, 1, 5, 5), "Paul Dubois"),
        ], monday);
    }

    [Theory, DatabaseData]
    public async Task OnOffPattern_TwoWeeksOnTwoOff_LayerBelowCoversTheOffWeeks(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var (paul, lena) = (await h.PeopleAsync("Paul Dubois"), await h.PeopleAsync("Lena Fischer"));
        var id = (await h.CreateScheduleAsync("On and off", NewYork,
            Layer("Base", paul, 1, "Weeks", "2027-01-04", "08:00:00"),
            Layer("Two on, two off", lena, 1, "Weeks", "2027-01-04", "08:00:00", onShifts: 2, offShifts: 2))).Id();

        var shifts = await h.FinalAsync(id, Utc(2027, 1, 4, 13), Utc(2027, 2, 15, 13));

        Assert.Equal(
        [
            (Utc(2027, 1, 4, 13), Utc(2027, 1, 18, 13), "Lena Fischer"),
            (Utc(2027, 1, 18, 13), Utc(2027, 2, 1, 13), "Paul Dubois"),
            (Utc(2027, 2, 1, 13), Utc(2027, 2, 15, 13), "Lena Fischer"),
        ], shifts);
    }

    [Theory, DatabaseData]
    public async Task BadInput_NobodyUnknownZoneAndSkippedHandOff_ProblemDetailsSayWhy(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var jamie = await h.PeopleAsync("Jamie Cole");
        var pair = await h.PeopleAsync("Jamie Cole", "Riley Park");

        var nobody = await h.Admin.PostJson("/api/v1/schedules", new { name = "Empty", timeZone = NewYork, layers = new[] { Layer("Weekly", [], 1, "Weeks", "2027-01-04", "08:00:00") } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least one participant", nobody.GetProperty("errors").GetProperty("layers[0].participants")[0].GetString());

        var zone = await h.Admin.PostJson("/api/v1/schedules", new { name = "Nowhere", timeZone = "Mars/Olympus_Mons", layers = new[] { Layer("Weekly", jamie, 1, "Weeks", "2027-01-04", "08:00:00") } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(zone.GetProperty("errors").TryGetProperty("timeZone", out _));

        // 02:30 does not exist in New York on Sunday 14 March 2027: refused, saying what would be used instead.
        object[] skipped = [Layer("Daily", pair, 1, "Days", "2027-03-10", "02:30:00")];
        var gap = await h.Admin.PostJson("/api/v1/schedules", new { name = "Night owls", timeZone = NewYork, layers = skipped }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var message = gap.GetProperty("errors").GetProperty("layers[0].handOffTime")[0].GetString()!;
        Assert.Contains("02:30 does not exist in America/New_York on 2027-03-14", message);
        Assert.Contains("at 03:00 that day instead", message);
        Assert.Equal(0, (await h.Admin.GetAsync("/api/v1/schedules?q=night").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var accepted = await h.Admin.PostJson("/api/v1/schedules", new { name = "Night owls", timeZone = NewYork, layers = skipped, acceptShiftedHandOffs = true })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Contains(accepted.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("03:00", StringComparison.Ordinal));
        var shifts = await h.FinalAsync(accepted.Id(), Utc(2027, 3, 13, 12), Utc(2027, 3, 15, 12));
        Assert.Equal(
        [
            (Utc(2027, 3, 13, 12), Utc(2027, 3, 14, 7), "Riley Park"), // from 02:30 EST to 03:00 EDT, the end of the gap
            (Utc(2027, 3, 14, 7), Utc(2027, 3, 15, 6, 30), "Jamie Cole"),
            (Utc(2027, 3, 15, 6, 30), Utc(2027, 3, 15, 12), "Riley Park"),
        ], shifts);
    }

    [Theory, DatabaseData]
    public async Task Changes_NonAdminRefusedAndAdminAudited(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var jamie = await h.PeopleAsync("Jamie Cole");
        var responder = await h.Server.ClientAsAsync("Responder");
        await responder.PostJson("/api/v1/schedules", new { name = "Mine", timeZone = NewYork, layers = new[] { Layer("Weekly", jamie, 1, "Weeks", "2027-01-04", "08:00:00") } })
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        var id = (await h.CreateScheduleAsync("Audited", NewYork, Layer("Weekly", jamie, 1, "Weeks", "2027-01-04", "08:00:00"))).Id();
        await using var db = h.Server.Database.CreateContext();
        var entry = Assert.Single(db.AuditLog.Where(e => e.EntityId == id).ToList());
        Assert.Equal(("Schedule", "Created"), (entry.EntityType, entry.Action));
        Assert.NotEqual("anonymous", entry.Actor);
    }
}
