using System.Globalization;
using System.Net;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Shifts;

/// <summary>A weekday around the clock (00:00-24:00) in the domain, the API and configuration as code.</summary>
public sealed class AroundTheClockTests
{
    // Sunday 8 March 2026 is the day New York moves its clocks forward: a 23-hour day.
    private static readonly ShiftCalendar SundaysAroundTheClock = new("America/New_York",
        [new BusinessHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(17, 0)), BusinessHours.AroundTheClock(DayOfWeek.Sunday)], []);

    [Theory]
    [InlineData("2026-03-08T04:59:59Z", ShiftKind.Off)] // Saturday 23:59:59 EST: Saturday has no hours
    [InlineData("2026-03-08T05:00:00Z", ShiftKind.Day)] // Sunday 00:00 EST
    [InlineData("2026-03-08T07:30:00Z", ShiftKind.Day)] // Sunday 03:30 EDT, just after the change
    [InlineData("2026-03-09T03:59:59Z", ShiftKind.Day)] // Sunday 23:59:59 EDT
    [InlineData("2026-03-09T04:00:00Z", ShiftKind.Off)] // Monday 00:00 EDT: the next day's midnight ends it
    [InlineData("2026-11-01T05:30:00Z", ShiftKind.Day)] // Sunday 01:30 EST, the second 01:30 of the autumn change
    public void At_DayAroundTheClockAcrossDst_DayShiftFromMidnightToMidnight(string instant, ShiftKind expected) =>
        Assert.Equal(expected, SundaysAroundTheClock.At(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)).Shift);

    [Theory, DatabaseData]
    public async Task Put_SaturdayTo2400_ReadBackAsSuchAndNowAt235930IsDay(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 4, 59, 30, TimeSpan.Zero)); // Saturday 23:59:30 in New York
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();

        var put = await admin.PutJson("/api/v1/shift-calendar", new
        {
            timeZone = "America/New_York",
            hours = new object[]
            {
                new { day = "Monday", start = "08:00", end = "17:00" },
                new { day = "Saturday", start = "00:00", end = "24:00" },
                new { day = "Sunday", start = "00:00", end = "23:59:59.9999999" }, // what clients had to send before
            },
            holidays = Array.Empty<object>(),
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, put.GetProperty("hours").GetArrayLength());

        var read = await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK);
        var hours = read.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(["Sunday 00:00:00-24:00:00", "Monday 08:00:00-17:00:00", "Saturday 00:00:00-24:00:00"], // in DayOfWeek's order
            hours.Select(h => $"{h.GetProperty("day").GetString()} {h.GetProperty("start").GetString()}-{h.GetProperty("end").GetString()}"));

        var now = await admin.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Day", now.GetProperty("shift").GetString());
        Assert.Equal("business hours around the clock (Saturday America/New_York)", now.GetProperty("reason").GetString());

        time.Advance(TimeSpan.FromHours(24)); // Sunday 23:59:30, the old way of writing it
        Assert.Equal("Day", (await admin.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK)).GetProperty("shift").GetString());
        time.Advance(TimeSpan.FromMinutes(1)); // Monday 00:00:30
        Assert.Equal("Off", (await admin.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK)).GetProperty("shift").GetString());

        var log = await admin.GetAsync("/api/v1/audit-log?entityType=ShiftCalendar").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(log.Items(), e => e.GetProperty("action").GetString() == "Updated" && e.GetProperty("after").GetString()!.Contains("24:00:00", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Put_EndBeforeStartOrBadEnd_Refused400NamingTheFieldAndUnchanged(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var before = (await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK)).GetRawText();

        var problem = await admin.PutJson("/api/v1/shift-calendar", new
        {
            timeZone = "America/New_York",
            hours = new object[] { new { day = "Saturday", start = "00:00", end = "24:00" }, new { day = "Sunday", start = "10:00", end = "09:00" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("24:00", problem.GetProperty("errors").GetProperty("hours[1].end")[0].GetString(), StringComparison.Ordinal);

        var unreadable = await admin.PutJson("/api/v1/shift-calendar", new
        {
            timeZone = "America/New_York",
            hours = new object[] { new { day = "Saturday", start = "00:00", end = "25:00" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("hours[0].end", unreadable.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(before, (await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK)).GetRawText());
    }

    [Theory, DatabaseData]
    public async Task ConfigAsCode_SaturdayAroundTheClock_ExportedAs2400AndImportedBackUnchanged(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        await admin.PutJson("/api/v1/shift-calendar", new
        {
            timeZone = "America/New_York",
            hours = new object[] { new { day = "Saturday", start = "00:00", end = "24:00" } },
        }).ExpectAsync(HttpStatusCode.OK);

        var yaml = await admin.GetStringAsync("/api/v1/config", ct);
        Assert.Matches("start: '?00:00'?\\n *end: '?24:00'?\\n", yaml);
        using var content = new StringContent(yaml.Replace("America/New_York", "Europe/Dublin", StringComparison.Ordinal), System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
        using var response = await admin.PostAsync("/api/v1/config/import?apply=true", content, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var read = await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Europe/Dublin", read.GetProperty("timeZone").GetString());
        Assert.Equal("24:00:00", read.GetProperty("hours")[0].GetProperty("end").GetString());
    }
}
