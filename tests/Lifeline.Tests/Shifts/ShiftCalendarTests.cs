using System.Net;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Shifts;

public sealed class ShiftCalendarTests
{
    private static readonly ShiftCalendar NewYork = new("America/New_York",
        [.. Enumerable.Range(1, 5).Select(d => new BusinessHours((DayOfWeek)d, new TimeOnly(8, 0), new TimeOnly(17, 0)))],
        [new Holiday(new DateOnly(2026, 11, 26), "Thanksgiving Day")]);

    [Theory]
    [InlineData("2026-11-23T14:00:00Z", ShiftKind.Day)]   // Monday 09:00 in New York
    [InlineData("2026-11-23T12:59:00Z", ShiftKind.Off)]   // Monday 07:59
    [InlineData("2026-11-23T13:00:00Z", ShiftKind.Day)]   // Monday 08:00, start is inclusive
    [InlineData("2026-11-23T22:00:00Z", ShiftKind.Off)]   // Monday 17:00, end is exclusive
    [InlineData("2026-11-22T15:00:00Z", ShiftKind.Off)]   // Sunday 10:00
    [InlineData("2026-11-26T15:00:00Z", ShiftKind.Off)]   // Thanksgiving 10:00
    [InlineData("2026-07-06T12:30:00Z", ShiftKind.Day)]   // Monday 08:30 in summer time (UTC-4)
    [InlineData("2026-07-06T11:30:00Z", ShiftKind.Off)]   // Monday 07:30 in summer time
    public void At_Instant_GivesShiftInLocalTime(string instant, ShiftKind expected) =>
        Assert.Equal(expected, NewYork.At(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).Shift);

    [Fact]
    public void At_Holiday_SaysWhichHoliday()
    {
        var shift = NewYork.At(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal("holiday: Thanksgiving Day", shift.Reason);
        Assert.Equal(10, shift.LocalTime.Hour);
    }

    [Theory, DatabaseData]
    public async Task Now_DemoCalendarAtNightAndOnHoliday_AnswersOffShiftWithReason(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero)); // Tuesday 10:00 New York
        await using var server = await LifelineServer.StartAsync(provider, time);
        var viewer = await server.ClientAsAsync("Viewer");

        var day = await viewer.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Day", day.GetProperty("shift").GetString());

        time.Advance(TimeSpan.FromHours(10)); // Tuesday 20:00
        var night = await viewer.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Off", night.GetProperty("shift").GetString());
        Assert.Contains("outside business hours", night.GetProperty("reason").GetString());

        time.Advance(TimeSpan.FromHours(38)); // Thursday 10:00, Thanksgiving
        var holiday = await viewer.GetAsync("/api/v1/shift-calendar/now").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Off", holiday.GetProperty("shift").GetString());
        Assert.Equal("holiday: Thanksgiving Day", holiday.GetProperty("reason").GetString());
    }

    [Theory, DatabaseData]
    public async Task Update_InvalidZoneOrOverlappingHours_Refused400AndUnchanged(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var before = (await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK)).GetRawText();

        var problem = await admin.PutJson("/api/v1/shift-calendar", new { timeZone = "Mars/Olympus", hours = Array.Empty<object>() })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));
        var overlap = await admin.PutJson("/api/v1/shift-calendar", new
        {
            timeZone = "Europe/London",
            hours = new[] { new { day = "Monday", start = "08:00", end = "12:00" }, new { day = "Monday", start = "11:00", end = "17:00" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("overlap", overlap.GetProperty("errors").GetProperty("hours")[0].GetString());

        Assert.Equal(before, (await admin.GetAsync("/api/v1/shift-calendar").ExpectAsync(HttpStatusCode.OK)).GetRawText());
        var viewer = await server.ClientAsAsync("Viewer");
        await viewer.PutJson("/api/v1/shift-calendar", new { timeZone = "UTC" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
