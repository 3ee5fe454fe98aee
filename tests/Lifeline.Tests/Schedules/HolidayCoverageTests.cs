using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>A holiday coverage layer: on call on the shift calendar's holidays only, over the regular rotation.</summary>
public sealed class HolidayCoverageTests
{
    private const string NewYork = "America/New_York";

    private static object Calendar(params (string Date, string Name)[] holidays) => new
    {
        timeZone = NewYork,
        hours = Enumerable.Range(1, 5).Select(d => new { day = ((DayOfWeek)d).ToString(), start = "08:00:00", end = "17:00:00" }),
        holidays = holidays.Select(h => new { date = h.Date, name = h.Name }),
    };

    [Theory, DatabaseData]
    public async Task HolidayLayer_OnACalendarHoliday_CoversTheWholeLocalDayAndFollowsTheCalendar(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        await h.Admin.PutJson("/api/v1/shift-calendar", Calendar(("2027-01-18", "Martin Luther King Jr. Day"))).ExpectAsync(HttpStatusCode.OK);
        var (pair, sam) = (await h.PeopleAsync("Jamie Cole", "Riley Park"), await h.PersonAsync("Sam Whitaker"));
        var id = (await h.CreateScheduleAsync("With holiday cover", NewYork,
            Layer("Weekly", pair, 1, "Weeks", "2027-01-04", "08:00:00"),
            Layer("Holidays", [sam], 1, "Days", "2027-01-01", "00:00:00", holidaysOnly: true))).Id();

        // Midnight to midnight in New York (05:00 UTC in winter); the weekly hand-off at 08:00 that day changes nothing.
        Assert.Equal(
        [
            (Utc(2027, 1, 17, 5), Utc(2027, 1, 18, 5), "Riley Park"),
            (Utc(2027, 1, 18, 5), Utc(2027, 1, 19, 5), "Sam Whitaker"),
            (Utc(2027, 1, 19, 5), Utc(2027, 1, 20, 5), "Jamie Cole"),
        ], await h.FinalAsync(id, Utc(2027, 1, 17, 5), Utc(2027, 1, 20, 5)));
        var during = Assert.Single((await h.OnCallViewAsync(id, Utc(2027, 1, 18, 17))).GetProperty("onCall").EnumerateArray());
        Assert.Equal("holiday cover (Holidays): Martin Luther King Jr. Day", during.GetProperty("why").GetString());
        var holidayLine = (await h.ShiftsAsync(id, Utc(2027, 1, 11, 5), Utc(2027, 1, 25, 5))).GetProperty("layers")[1].GetProperty("shifts");
        Assert.Equal(Utc(2027, 1, 18, 5), Assert.Single(holidayLine.EnumerateArray()).GetProperty("from").GetDateTimeOffset());

        // The calendar is the one truth: a holiday taken out gives the day back to the rotation, one added is covered.
        await h.Admin.PutJson("/api/v1/shift-calendar", Calendar(("2027-01-20", "Founders' Day"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Jamie Cole"], await h.OnCallAsync(id, Utc(2027, 1, 18, 17)));
        Assert.Equal(["Sam Whitaker"], await h.OnCallAsync(id, Utc(2027, 1, 20, 17)));
    }

    [Theory, DatabaseData]
    public async Task HolidayLayer_AbsentOnTheHoliday_CoverageRuleAppliesAndLayerBelowTakesOver(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        await h.Admin.PutJson("/api/v1/shift-calendar", Calendar(("2027-01-18", "Martin Luther King Jr. Day"))).ExpectAsync(HttpStatusCode.OK);
        var (pair, sam) = (await h.PeopleAsync("Jamie Cole", "Riley Park"), await h.PersonAsync("Sam Whitaker"));
        var id = (await h.CreateScheduleAsync("Holiday cover, layer below", NewYork,
            Layer("Weekly", pair, 1, "Weeks", "2027-01-04", "08:00:00"),
            Layer("Holidays", [sam], 1, "Days", "2027-01-01", "00:00:00", coverage: "LayerBelow", holidaysOnly: true))).Id();
        await h.Admin.PostJson($"/api/v1/people/{sam}/availability", new { from = Utc(2027, 1, 18, 0), to = Utc(2027, 1, 18, 20), reason = "travel" })
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(
        [
            (Utc(2027, 1, 18, 5), Utc(2027, 1, 18, 13), "Riley Park"),
            (Utc(2027, 1, 18, 13), Utc(2027, 1, 18, 20), "Jamie Cole"),
            (Utc(2027, 1, 18, 20), Utc(2027, 1, 19, 5), "Sam Whitaker"),
        ], await h.FinalAsync(id, Utc(2027, 1, 18, 5), Utc(2027, 1, 19, 5)));
    }
}
