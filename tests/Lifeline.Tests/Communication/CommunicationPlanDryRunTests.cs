using System.Net;
using System.Text.Json;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Communication;

/// <summary>POST /api/v1/communication-plans/{id}/dry-run on the demo's "Severity 1 directors" plan, with a fake clock.</summary>
public sealed class CommunicationPlanDryRunTests
{
    private static async Task<JsonElement> DryRunAsync(EngineHarness h, DateTimeOffset at)
    {
        var plans = await h.Admin.GetAsync("/api/v1/communication-plans").ExpectAsync(HttpStatusCode.OK);
        var planId = plans.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Severity 1 directors").GetProperty("id").GetString();
        return await h.Admin.PostJson($"/api/v1/communication-plans/{planId}/dry-run", new { serviceId = await h.IdOfAsync("/api/v1/services", "E-mail"), at })
            .ExpectAsync(HttpStatusCode.OK);
    }

    private static List<(string Event, string Template, string Person, string Channel, string? Fallback)> Told(JsonElement run) =>
        [.. run.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("told").GetBoolean())
            .Select(l => (l.GetProperty("event").GetString()!, l.GetProperty("template").GetString()!, l.GetProperty("person").GetString()!,
                l.GetProperty("channel").GetString()!, l.GetProperty("fallback").ValueKind == JsonValueKind.Null ? null : l.GetProperty("fallback").GetString()))];

    [Theory, DatabaseData]
    public async Task DryRun_DayShift_DirectorsGetEachNoticeByEmailFallingBackToVoice(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);

        var run = await DryRunAsync(h, EngineHarness.DayShift);

        Assert.Equal("Day", run.GetProperty("shift").GetString());
        var told = Told(run);
        Assert.Equal(["Grace Okafor", "Priya Raman", "Tomas Ortega"], told.Where(t => t.Event == "EscalationStarted").Select(t => t.Person).Order());
        Assert.All(told, t => Assert.Equal(("Email", "Voice"), (t.Channel, t.Fallback)));
        Assert.Equal(["initial", "resolution", "status-update"], told.Select(t => t.Template).Distinct().Order());
        Assert.Equal(9, told.Count);
    }

    [Theory, DatabaseData]
    public async Task DryRun_OffShiftDirectorAbsent_StandInIsCalledWithTheInstructionAndNothingIsStored(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var grace = await h.IdOfAsync("/api/v1/people", "Grace Okafor");
        await h.Admin.PostJson($"/api/v1/people/{grace}/availability", new
        {
            from = EngineHarness.DayShift.AddHours(3),
            to = EngineHarness.DayShift.AddDays(1),
            standInId = await h.IdOfAsync("/api/v1/people", "Dana Whitfield"),
        }).ExpectAsync(HttpStatusCode.Created);
        async Task<(int, int, int, int)> CountAsync()
        {
            using var scope = h.Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            return (await db.Notifications.CountAsync(), await db.StakeholderTasks.CountAsync(), await db.TimelineEntries.CountAsync(), await db.EngineJobs.CountAsync());
        }
        var before = await CountAsync();

        var run = await DryRunAsync(h, EngineHarness.OffShift);

        Assert.Equal("Off", run.GetProperty("shift").GetString());
        var started = run.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("event").GetString() == "EscalationStarted").ToList();
        var call = Assert.Single(started, l => l.GetProperty("told").GetBoolean());
        Assert.Equal(("Dana Whitfield", "Voice", "Sms"), (call.GetProperty("person").GetString(), call.GetProperty("channel").GetString(), call.GetProperty("fallback").GetString()));
        Assert.Contains("stand-in for Grace Okafor", call.GetProperty("why").GetString());
        Assert.Contains("call the CIO and DCIO", call.GetProperty("instruction").GetString());
        Assert.Contains(started, l => !l.GetProperty("told").GetBoolean() && l.GetProperty("person").GetString() == "Grace Okafor");
        Assert.Equal(before, await CountAsync());
    }

    [Theory, DatabaseData]
    public async Task DryRun_SeverityTheyAreNotFor_TellsNobody(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var plans = await h.Admin.GetAsync("/api/v1/communication-plans").ExpectAsync(HttpStatusCode.OK);
        var planId = plans.GetProperty("items")[0].GetProperty("id").GetString();
        var serviceId = await h.IdOfAsync("/api/v1/services", "E-mail");

        var run = await h.Admin.PostJson($"/api/v1/communication-plans/{planId}/dry-run", new { serviceId, at = EngineHarness.DayShift, severity = 3 })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(run.GetProperty("applies").GetBoolean());
        Assert.Empty(run.GetProperty("lines").EnumerateArray());

        var problem = await h.Admin.PostJson($"/api/v1/communication-plans/{planId}/dry-run", new { severity = 7 }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "serviceId", "at", "severity" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
    }
}
