using System.Net;
using Lifeline.Directory.Availability;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Schedules;
using Lifeline.Storage;
using Lifeline.Targets;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Schedules;

/// <summary>Schedules as escalation targets, directly and through a role.</summary>
public sealed class ScheduleTargetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task Resolve_ScheduleTargetAndRoleHeldThroughIt_WhoeverIsOnCallThenHoldersDuringAGap(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var (first, second, fallback) = (new Person("First", null, "UTC", null, Now), new Person("Second", null, "UTC", null, Now), new Person("Fallback", null, "UTC", null, Now));
        db.People.AddRange(first, second, fallback);
        // Daily hand-off at 09:00 UTC from Monday 23 November, weekdays only: on Saturday the schedule has nobody.
        var schedule = new Schedule("Daily", null, "UTC",
            [new ScheduleLayer("Daily", [first.Id, second.Id], 1, ShiftUnit.Days, new DateOnly(2026, 11, 23), new TimeOnly(9, 0),
                ShiftDays: [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])], Now);
        var role = new Role("On call", null);
        role.SetHolders([fallback.Id]);
        role.HoldThrough(schedule.Id);
        db.AddRange(schedule, role);
        await db.SaveChangesAsync();

        // Tuesday is the second weekday: Second is on call.
        var tuesday = await new TargetResolver(db).ResolveAsync([new(TargetKind.Schedule, schedule.Id), new(TargetKind.Role, role.Id)],
            new TargetContext(null, null, Now), CancellationToken.None);
        var person = Assert.Single(tuesday.People);
        Assert.Equal(second.Id, person.PersonId);
        Assert.Equal("on call in Daily, rotation (Daily)", person.Via);

        // Saturday: a gap, so the role falls back to its holders and the schedule target reaches nobody, saying so.
        var saturday = await new TargetResolver(db).ResolveAsync([new(TargetKind.Schedule, schedule.Id), new(TargetKind.Role, role.Id)],
            new TargetContext(null, null, new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        Assert.Equal("holds On call (nobody on call in its schedule)", Assert.Single(saturday.People).Via);
        Assert.Equal("nobody is on call", Assert.Single(saturday.Skipped).Reason);

        // An absent participant: the next in rotation (the layer's default coverage).
        db.Absences.Add(new Absence(second.Id, Now.AddHours(-1), Now.AddHours(1), null, null));
        await db.SaveChangesAsync();
        var absent = await new TargetResolver(db).ResolveAsync([new(TargetKind.Role, role.Id)], new TargetContext(null, null, Now), CancellationToken.None);
        Assert.Equal(first.Id, Assert.Single(absent.People).PersonId);
    }

    [Theory, DatabaseData]
    public async Task EscalationPolicy_ScheduleTarget_ValidatedAndNamed(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var schedule = await h.IdOfAsync("/api/v1/schedules", "Incident Manager 1 rotation");
        var tiers = new[] { new { targets = new[] { new { kind = "Schedule", id = Guid.NewGuid() } }, channels = new[] { "Voice" }, wait = "00:05:00" } };
        var unknown = await h.Admin.PostJson("/api/v1/escalation-policies", new { name = "By schedule", repeatCount = 0, tiers }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("No schedule with id", unknown.GetProperty("errors").GetProperty("tiers[0].targets[0]")[0].GetString());

        tiers[0] = new { targets = new[] { new { kind = "Schedule", id = schedule } }, channels = new[] { "Voice" }, wait = "00:05:00" };
        var policy = await h.Admin.PostJson("/api/v1/escalation-policies", new { name = "By schedule", repeatCount = 0, tiers }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("on call in Incident Manager 1 rotation", policy.GetProperty("tiers")[0].GetProperty("targets")[0].GetProperty("name").GetString());
        var refused = await h.Admin.DeleteAsync($"/api/v1/schedules/{schedule}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("role 'Incident Manager 1'", refused.GetProperty("detail").GetString());
        Assert.Contains("escalation policy 'By schedule'", refused.GetProperty("detail").GetString());
    }
}
