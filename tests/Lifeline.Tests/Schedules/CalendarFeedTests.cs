using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>The iCal feeds, read by an independent parser: Debian's python3-icalendar (installed by test.sh).</summary>
public sealed partial class CalendarFeedTests
{
    private const string Parser = """
        import sys, json, icalendar
        calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        print(json.dumps([[e.decoded('DTSTART').isoformat(), e.decoded('DTEND').isoformat(), str(e.get('SUMMARY'))] for e in calendar.walk('VEVENT')]))
        """;

    [Theory, DatabaseData]
    public async Task ScheduleFeed_ParsedByPythonIcalendar_SameShiftsAsTheApiOverFourWeeks(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park", "Sam Whitaker");
        var schedule = await h.CreateScheduleAsync("Feed", "America/New_York", Layer("Weekly", people, 1, "Weeks", "2026-11-02", "08:00:00"));
        await h.Admin.PostJson($"/api/v1/schedules/{schedule.Id()}/overrides", new { kind = "Replace", personId = people[2], from = Utc(2026, 12, 2, 14), to = Utc(2026, 12, 3, 14) })
            .ExpectAsync(HttpStatusCode.Created);
        var url = (await h.Admin.GetAsync($"/api/v1/schedules/{schedule.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("icalUrl").GetString()!;
        Assert.StartsWith("webcal://", url, StringComparison.Ordinal);

        var (from, to) = (h.Time.GetUtcNow(), h.Time.GetUtcNow().AddDays(28));
        var parsed = Clip(await ParseAsync(h, url), from, to);
        var api = await h.FinalAsync(schedule.Id(), from, to);

        Assert.Equal(api.Select(s => (s.From, s.To, s.Who)), parsed);
        Assert.Contains(parsed, e => e.Who == "Sam Whitaker" && e.From == Utc(2026, 12, 2, 14)); // the override is in the feed
        Assert.True(parsed.Count >= 5);

        // Revoked: the old URL stops working, the new one works.
        var renewed = (await h.Admin.PostAsync($"/api/v1/schedules/{schedule.Id()}/ical/revoke", null).ExpectAsync(HttpStatusCode.OK)).GetProperty("icalUrl").GetString()!;
        Assert.NotEqual(url, renewed);
        using var anonymous = h.Server.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PathOf(url))).StatusCode);
        Assert.Equal(api.Select(s => (s.From, s.To, s.Who)), Clip(await ParseAsync(h, renewed), from, to));
    }

    [Theory, DatabaseData]
    public async Task PersonFeed_OnlyThatPersonsShifts_AndNotAnybodysToSee(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park");
        var schedule = await h.CreateScheduleAsync("Pair", "America/New_York", Layer("Weekly", people, 1, "Weeks", "2026-11-23", "08:00:00"));
        var url = (await h.Admin.GetAsync($"/api/v1/people/{people[1]}/ical").ExpectAsync(HttpStatusCode.OK)).GetProperty("icalUrl").GetString()!;

        var (from, to) = (h.Time.GetUtcNow(), h.Time.GetUtcNow().AddDays(28));
        var parsed = Clip(await ParseAsync(h, url), from, to);

        var riley = (await h.FinalAsync(schedule.Id(), from, to)).Where(s => s.Who == "Riley Park").Select(s => (s.From, s.To, s.Who)).ToList();
        Assert.Equal(2, riley.Count);
        Assert.Equal(riley, parsed);
        var viewer = await h.Server.ClientAsAsync("Viewer");
        await viewer.GetAsync($"/api/v1/people/{people[1]}/ical").ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task PersonShifts_ThePersonAndAnAdmin_SameShiftsAsTheFeed_OthersRefused(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park");
        var schedule = await h.CreateScheduleAsync("Pair", "America/New_York", Layer("Weekly", people, 1, "Weeks", "2026-11-23", "08:00:00"));
        var (from, to) = (h.Time.GetUtcNow(), h.Time.GetUtcNow().AddDays(28));
        var riley = (await h.FinalAsync(schedule.Id(), from, to)).Where(s => s.Who == "Riley Park").Select(s => (s.From, s.To)).ToList();
        Assert.Equal(2, riley.Count);

        // Riley sees their own shifts over the default four weeks from now: the same as the schedule's final shifts.
        var own = await h.Server.ClientForPersonAsync("Riley Park", "Viewer");
        var mine = await own.GetAsync($"/api/v1/people/{people[1]}/shifts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Riley Park", mine.GetProperty("name").GetString());
        var shifts = mine.GetProperty("shifts").EnumerateArray().ToList();
        Assert.Equal(riley, shifts.Select(s => (s.GetProperty("from").GetDateTimeOffset(), s.GetProperty("to").GetDateTimeOffset())));
        Assert.All(shifts, s => Assert.Equal("Pair", s.GetProperty("scheduleName").GetString()));
        Assert.All(shifts, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("why").GetString())));

        // An admin may look; another person may not; a period over 92 days or backwards is refused by name.
        await h.Admin.GetAsync($"/api/v1/people/{people[1]}/shifts").ExpectAsync(HttpStatusCode.OK);
        await own.GetAsync($"/api/v1/people/{people[0]}/shifts").ExpectProblemAsync(HttpStatusCode.Forbidden);
        var tooLong = await h.Admin.GetAsync($"/api/v1/people/{people[1]}/shifts?from=2026-12-01T00:00:00Z&to=2027-06-01T00:00:00Z").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("92 days", tooLong.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        await h.Admin.GetAsync($"/api/v1/people/{people[1]}/shifts?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await h.Admin.GetAsync($"/api/v1/people/{Guid.NewGuid()}/shifts").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private static string PathOf(string webcal) => new Uri(webcal.Replace("webcal://", "http://", StringComparison.Ordinal)).AbsolutePath;

    private static async Task<List<(DateTimeOffset From, DateTimeOffset To, string Who)>> ParseAsync(EngineHarness h, string webcal)
    {
        using var anonymous = h.Server.CreateClient();
        using var response = await anonymous.GetAsync(PathOf(webcal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Parser);
            start.ArgumentList.Add(file);
            using var python = Process.Start(start)!;
            var output = await python.StandardOutput.ReadToEndAsync();
            var error = await python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            Assert.True(python.ExitCode == 0, $"python3-icalendar could not read the feed: {error}");
            return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(e => (
                DateTimeOffset.Parse(e[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(e[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Summary().Match(e[2].GetString()!).Groups["name"].Value))];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The events within [from, to), cut to it, in order: what the API answers for that period.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To, string Who)> Clip(List<(DateTimeOffset From, DateTimeOffset To, string Who)> events, DateTimeOffset from, DateTimeOffset to) =>
        [.. events.Where(e => e.To > from && e.From < to).Select(e => (e.From < from ? from : e.From, e.To > to ? to : e.To, e.Who)).OrderBy(e => e.Item1)];

    [GeneratedRegex(@"^On call: (?<name>.+) \(")]
    private static partial Regex Summary();
}
