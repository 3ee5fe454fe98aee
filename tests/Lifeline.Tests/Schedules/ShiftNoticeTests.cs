using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lifeline.Tests.Schedules.ScheduleClient;

namespace Lifeline.Tests.Schedules;

/// <summary>Shift notifications written by the engine: on call ahead, hand-off, gap alert to admins, checked again when due.</summary>
public sealed class ShiftNoticeTests
{
    [Theory, DatabaseData]
    public async Task Notices_AheadHandOffAndGap_FollowTheScheduleAsItIsWhenDue(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift); // Tuesday 24 November, 15:00 UTC
        await h.Server.ClientForPersonAsync("Paul Dubois", "Admin");
        var people = await h.PeopleAsync("Jamie Cole", "Riley Park", "Sam Whitaker");
        // Daily hand-off at 08:00 New York (13:00 UTC): Riley has Tuesday, Jamie Wednesday.
        var id = (await h.CreateScheduleAsync("Notices", "America/New_York", Layer("Daily", people[..2], 1, "Days", "2026-11-23", "08:00:00"))).Id();
        await h.RunEngineAsync();
        // Changed afterwards: Sam takes Jamie's first two hours, and nobody is on call 15:00-16:00 UTC.
        await h.Admin.PostJson($"/api/v1/schedules/{id}/overrides", new { kind = "Replace", personId = people[2], replacesId = people[0], from = Utc(2026, 11, 25, 13), to = Utc(2026, 11, 25, 15) })
            .ExpectAsync(HttpStatusCode.Created);
        await h.Admin.PostJson($"/api/v1/schedules/{id}/overrides", new { kind = "Remove", personId = people[0], from = Utc(2026, 11, 25, 15), to = Utc(2026, 11, 25, 16) })
            .ExpectAsync(HttpStatusCode.Created);
        await h.RunEngineAsync();

        foreach (var hour in new[] { 1, 3, 4, 13, 16 })
        {
            h.Time.Advance(Utc(2026, 11, 25, hour).AddSeconds(30) - h.Time.GetUtcNow());
            await h.RunEngineAsync();
        }

        await using var db = h.Server.Database.CreateContext();
        var notices = await (from n in db.Notifications
                             join p in db.People on n.PersonId equals p.Id
                             where n.Template == "shift-notice"
                             select new { p.Name, n.Instruction, n.CreatedAt, n.Channel }).ToListAsync(TestContext.Current.CancellationToken);
        var debug = string.Join("\n", (await db.EngineJobs.ToListAsync(TestContext.Current.CancellationToken)).Select(j => $"{j.Kind} {j.FenceKey} {j.DueAt:O} {j.DoneAt:O} {j.Outcome}"));
        Assert.True(notices.Count > 0, debug);
        Assert.Equal(
        [
            (Utc(2026, 11, 25, 1), "Sam Whitaker", "You are on call in Notices from Wednesday 25 November 08:00 (America/New_York)."),
            (Utc(2026, 11, 25, 3), "Paul Dubois", "Nobody is on call in Notices from Wednesday 25 November 10:00 (America/New_York). Add an override to cover it."),
            (Utc(2026, 11, 25, 4), "Jamie Cole", "You are on call in Notices from Wednesday 25 November 11:00 (America/New_York)."),
            (Utc(2026, 11, 25, 13), "Sam Whitaker", "You are on call in Notices now, from Wednesday 25 November 08:00 (America/New_York)."),
            (Utc(2026, 11, 25, 16), "Jamie Cole", "You are on call in Notices now, from Wednesday 25 November 11:00 (America/New_York)."),
        ], notices.OrderBy(n => n.CreatedAt).Select(n => (new DateTimeOffset(n.CreatedAt.UtcDateTime.Date.AddHours(n.CreatedAt.UtcDateTime.Hour), TimeSpan.Zero), n.Name, n.Instruction)));
        Assert.All(notices, n => Assert.Equal(Lifeline.Notifications.NotificationChannel.Sms, n.Channel));
        // Jamie's notice for 13:00, scheduled before the change, found Jamie no longer on call then and sent nothing.
        Assert.Contains(await db.EngineJobs.Where(j => j.Kind == "ShiftNotice").Select(j => j.Outcome).ToListAsync(TestContext.Current.CancellationToken), o => o == "no longer on call then");
    }
}
