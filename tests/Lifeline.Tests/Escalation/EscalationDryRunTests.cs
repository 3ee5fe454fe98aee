using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Escalation;

/// <summary>
/// POST /api/v1/escalation-policies/{id}/dry-run on the demo organisation with a fake clock: the demo's Incident Manager 1
/// rotation (held through a schedule) has Henry Castillo on call the week of 23 November 2026 and Aisha Karim as backup.
/// </summary>
public sealed class EscalationDryRunTests
{
    /// <summary>
    /// Three tiers the way the seed reads: Incident Manager 1 (through its schedule) by voice then SMS, wait 5 min; Aisha Karim
    /// by SMS, wait 10 min; the service area manager by voice, wait 15 min; then once more from the top.
    /// </summary>
    private static async Task<string> ThreeTierPolicyAsync(EngineHarness h)
    {
        var created = await h.Admin.PostJson("/api/v1/escalation-policies", new
        {
            name = $"Dry run {Guid.NewGuid():N}",
            repeatCount = 1,
            tiers = new object[]
            {
                new { targets = new object[] { new { kind = "Role", id = await h.IdOfAsync("/api/v1/roles", "Incident Manager 1") } }, channels = new[] { "Voice", "Sms" }, wait = "00:05:00" },
                new { targets = new object[] { new { kind = "Person", id = await h.IdOfAsync("/api/v1/people", "Aisha Karim") } }, channels = new[] { "Sms" }, wait = "00:10:00" },
                new { targets = new object[] { new { kind = "ServiceAreaManager" } }, channels = new[] { "Voice" }, wait = "00:15:00" },
            },
        }).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> DryRunAsync(EngineHarness h, string policyId, DateTimeOffset at, string service = "E-mail") =>
        await h.Admin.PostJson($"/api/v1/escalation-policies/{policyId}/dry-run", new { serviceId = await h.IdOfAsync("/api/v1/services", service), at })
            .ExpectAsync(HttpStatusCode.OK);

    private static List<(int Minute, string Person, string Channel)> Pages(JsonElement run) =>
        [.. run.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("paged").GetBoolean())
            .Select(l => (l.GetProperty("minute").GetInt32(), l.GetProperty("person").GetString()!, l.GetProperty("channel").GetString()!))];

    [Theory, DatabaseData]
    public async Task DryRun_DayShift_NamesEachTiersPeopleAtTheirMinuteAndRepeats(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var policyId = await ThreeTierPolicyAsync(h);

        var run = await DryRunAsync(h, policyId, EngineHarness.DayShift);

        Assert.Equal("Day", run.GetProperty("shift").GetString());
        Assert.Equal(
        [
            (0, "Henry Castillo", "Voice"), (0, "Henry Castillo", "Sms"), (5, "Aisha Karim", "Sms"), (15, "Leo Brandt", "Voice"),
            (30, "Henry Castillo", "Voice"), (30, "Henry Castillo", "Sms"), (35, "Aisha Karim", "Sms"), (45, "Leo Brandt", "Voice"),
        ], Pages(run));
        var first = run.GetProperty("lines")[0];
        Assert.Contains("on call in Incident Manager 1 rotation", first.GetProperty("why").GetString());
        Assert.Equal(1, first.GetProperty("tier").GetInt32());
        Assert.Equal(1, run.GetProperty("lines").EnumerateArray().Last().GetProperty("repeat").GetInt32());
        Assert.Contains("manages Enterprise Services", run.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("person").GetString() == "Leo Brandt").GetProperty("why").GetString());
        Assert.Equal(60, run.GetProperty("endsAtMinute").GetInt32());
    }

    [Theory, DatabaseData]
    public async Task DryRun_OffShiftWithIncidentManagerAbsent_StandInPagedInsteadAndSaysWhy(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var policyId = await ThreeTierPolicyAsync(h);
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        await h.Admin.PostJson($"/api/v1/people/{henry}/availability", new
        {
            from = EngineHarness.DayShift.AddHours(2),
            to = EngineHarness.DayShift.AddDays(2),
            standInId = await h.IdOfAsync("/api/v1/people", "Dana Whitfield"),
            reason = "medical appointment",
        }).ExpectAsync(HttpStatusCode.Created);

        var run = await DryRunAsync(h, policyId, EngineHarness.OffShift);

        Assert.Equal("Off", run.GetProperty("shift").GetString());
        Assert.Equal(
        [
            (0, "Dana Whitfield", "Voice"), (0, "Dana Whitfield", "Sms"), (5, "Aisha Karim", "Sms"), (15, "Leo Brandt", "Voice"),
            (30, "Dana Whitfield", "Voice"), (30, "Dana Whitfield", "Sms"), (35, "Aisha Karim", "Sms"), (45, "Leo Brandt", "Voice"),
        ], Pages(run));
        Assert.DoesNotContain(Pages(run), p => p.Person == "Henry Castillo");
        var standIn = run.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("person").GetString() == "Dana Whitfield");
        Assert.Contains("stand-in for Henry Castillo", standIn.GetProperty("why").GetString());

        // The same moment a day earlier, before the absence: Henry again.
        var before = await DryRunAsync(h, policyId, EngineHarness.OffShift.AddDays(-1));
        Assert.Equal("Henry Castillo", Pages(before)[0].Person);
    }

    [Theory, DatabaseData]
    public async Task DryRun_SameAsTheEngine_PagesWhomTheRealEscalationPagesAtTheSameMinutes(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var defaultPolicy = (await h.Admin.GetAsync("/api/v1/escalation-policies").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetString()!;
        var dry = Pages(await DryRunAsync(h, defaultPolicy, EngineHarness.DayShift));

        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(50));
        using var scope = h.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var real = (await (from n in db.Notifications
                           join i in db.Incidents on n.IncidentId equals i.Id
                           join p in db.People on n.PersonId equals (Guid?)p.Id
                           where i.Number == number && n.Template == "tier-page"
                           select new { p.Name, n.Channel, n.CreatedAt }).ToListAsync())
            .Select(n => ((int)(n.CreatedAt - EngineHarness.DayShift).TotalMinutes, n.Name, n.Channel.ToString())).ToList();

        Assert.Equal(9 * 2, dry.Count);
        Assert.Equal(dry.Order(), real.Order());
    }

    [Theory, DatabaseData]
    public async Task DryRun_StoresAndSendsNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var policyId = await ThreeTierPolicyAsync(h);
        var serviceId = await h.IdOfAsync("/api/v1/services", "E-mail");
        async Task<(int, int, int, int, int, int)> CountAsync()
        {
            using var scope = h.Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            return (await db.Notifications.CountAsync(), await db.EngineJobs.CountAsync(), await db.Incidents.CountAsync(),
                await db.TimelineEntries.CountAsync(), await db.EscalationRuns.CountAsync(), await db.AuditLog.CountAsync());
        }
        var before = await CountAsync();

        foreach (var at in new[] { EngineHarness.DayShift, EngineHarness.OffShift, EngineHarness.Holiday })
        {
            await h.Admin.PostJson($"/api/v1/escalation-policies/{policyId}/dry-run", new { serviceId, at, severity = 1 }).ExpectAsync(HttpStatusCode.OK);
        }
        await h.RunEngineAsync();

        Assert.Equal(before, await CountAsync());
    }

    [Theory, DatabaseData]
    public async Task DryRun_Holiday_IsOffShiftAndLowSeverityPagesNobody(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var policyId = await ThreeTierPolicyAsync(h);
        var serviceId = await h.IdOfAsync("/api/v1/services", "E-mail");

        var holiday = await DryRunAsync(h, policyId, EngineHarness.Holiday);
        Assert.Equal("Off", holiday.GetProperty("shift").GetString());
        Assert.Contains("Thanksgiving", holiday.GetProperty("shiftReason").GetString());

        var low = await h.Admin.PostJson($"/api/v1/escalation-policies/{policyId}/dry-run", new { serviceId, at = EngineHarness.DayShift, severity = 3 })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(low.GetProperty("escalates").GetBoolean());
        Assert.Empty(low.GetProperty("lines").EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task DryRun_BadInput_ProblemDetailsNamingEachField(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var policyId = await ThreeTierPolicyAsync(h);

        var problem = await h.Admin.PostJson($"/api/v1/escalation-policies/{policyId}/dry-run", new { serviceId = Guid.NewGuid(), severity = 9 })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "serviceId", "at", "severity" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        await h.Admin.PostJson($"/api/v1/escalation-policies/{Guid.NewGuid()}/dry-run", new { serviceId = Guid.NewGuid(), at = EngineHarness.DayShift })
            .ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
