using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>Swap requests: asked by a person, changed only when the colleague accepts.</summary>
public sealed class SwapTests
{
    [Theory, DatabaseData]
    public async Task Swap_AcceptedByColleague_BecomesAnOverride_NotBefore(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park", "Sam Whitaker");
        var id = (await h.CreateScheduleAsync("Swappable", "America/New_York", Layer("Weekly", people[..2], 1, "Weeks", "2026-11-23", "08:00:00"))).Id();
        var jamie = await h.Server.ClientForPersonAsync("Jamie Cole", "Responder");
        var riley = await h.Server.ClientForPersonAsync("Riley Park", "Responder");
        var (from, to) = (Utc(2026, 11, 26, 13), Utc(2026, 11, 27, 13));

        // A swap with someone who is not in the schedule is refused, saying why.
        var outsider = await jamie.PostJson($"/api/v1/schedules/{id}/swaps", new { colleagueId = people[2], from, to }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not in this schedule", outsider.GetProperty("errors").GetProperty("colleagueId")[0].GetString());

        var asked = await jamie.PostJson($"/api/v1/schedules/{id}/swaps", new { colleagueId = people[1], from, to, note = "Thanksgiving" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(("Jamie Cole", "Requested"), (asked.GetProperty("requesterName").GetString(), asked.GetProperty("status").GetString()));
        var swap = asked.GetProperty("id").GetGuid();
        Assert.Equal(["Jamie Cole"], await h.OnCallAsync(id, Utc(2026, 11, 26, 18))); // not a silent change

        // Only the colleague may accept.
        await jamie.PostAsync($"/api/v1/schedules/{id}/swaps/{swap}/accept", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var accepted = await riley.PostAsync($"/api/v1/schedules/{id}/swaps/{swap}/accept", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        var onCall = Assert.Single((await h.OnCallViewAsync(id, Utc(2026, 11, 26, 18))).GetProperty("onCall").EnumerateArray());
        Assert.Equal(("Riley Park", "override, instead of Jamie Cole: swap accepted"), (onCall.GetProperty("name").GetString(), onCall.GetProperty("why").GetString()));
        Assert.Equal(["Jamie Cole"], await h.OnCallAsync(id, Utc(2026, 11, 27, 14)));
        await riley.PostAsync($"/api/v1/schedules/{id}/swaps/{swap}/accept", null).ExpectProblemAsync(HttpStatusCode.Conflict);

        await using var db = h.Server.Database.CreateContext();
        var audit = db.AuditLog.Where(e => e.EntityType == "SwapRequest" || e.EntityType == "ScheduleOverride").Select(e => new { e.EntityType, e.Action }).ToList();
        Assert.Equal(3, audit.Count); // asked, override made, swap marked accepted
    }
}
