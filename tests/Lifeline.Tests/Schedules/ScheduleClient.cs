using System.Globalization;
using System.Net;
using System.Text.Json;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Schedules;

/// <summary>The schedule API as the tests use it, on an <see cref="EngineHarness"/> (demo people, fake clock).</summary>
public static class ScheduleClient
{
    public static async Task<Guid> PersonAsync(this EngineHarness h, string name) => await h.IdOfAsync("/api/v1/people", name);

    public static async Task<Guid[]> PeopleAsync(this EngineHarness h, params string[] names)
    {
        var ids = new Guid[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            ids[i] = await h.PersonAsync(names[i]);
        }
        return ids;
    }

    public static async Task<JsonElement> CreateScheduleAsync(this EngineHarness h, string name, string zone, params object[] layers) =>
        await h.Admin.PostJson("/api/v1/schedules", new { name, timeZone = zone, layers }).ExpectAsync(HttpStatusCode.Created);

    public static object Layer(string name, Guid[] participants, int shiftCount, string shiftUnit, string startDate, string handOffTime,
        object? restrictions = null, string[]? shiftDays = null, string coverage = "NextInRotation", bool fairness = false, int? onShifts = null, int? offShifts = null,
        bool holidaysOnly = false) =>
        new { name, participants, shiftCount, shiftUnit, startDate, handOffTime, restrictions, shiftDays, coverage, fairness, onShifts, offShifts, holidaysOnly };

    /// <summary>The names of whoever is on call at the instant.</summary>
    public static async Task<List<string>> OnCallAsync(this EngineHarness h, Guid schedule, DateTimeOffset at) =>
        [.. (await h.OnCallViewAsync(schedule, at)).GetProperty("onCall").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];

    public static async Task<JsonElement> OnCallViewAsync(this EngineHarness h, Guid schedule, DateTimeOffset at) =>
        await h.Admin.GetAsync($"/api/v1/schedules/{schedule}/on-call?at={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}").ExpectAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> ShiftsAsync(this EngineHarness h, Guid schedule, DateTimeOffset from, DateTimeOffset to) =>
        await h.Admin.GetAsync($"/api/v1/schedules/{schedule}/shifts?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}")
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>The final shifts as (from, to, names joined by " + ", or "" for a gap).</summary>
    public static async Task<List<(DateTimeOffset From, DateTimeOffset To, string Who)>> FinalAsync(this EngineHarness h, Guid schedule, DateTimeOffset from, DateTimeOffset to) =>
        [.. (await h.ShiftsAsync(schedule, from, to)).GetProperty("shifts").EnumerateArray().Select(s => (
            s.GetProperty("from").GetDateTimeOffset(), s.GetProperty("to").GetDateTimeOffset(),
            string.Join(" + ", s.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString()))))];

    public static Guid Id(this JsonElement schedule) => schedule.GetProperty("id").GetGuid();

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
