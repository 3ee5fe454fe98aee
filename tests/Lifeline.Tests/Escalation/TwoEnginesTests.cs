using Lifeline.Access;
using Lifeline.Engine;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lifeline.Tests.Escalation;

public sealed class TwoEnginesTests
{
    [Fact]
    public async Task TwoEngines_OnePostgres_EveryTierOfEveryIncidentPagedExactlyOnce()
    {
        await using var h = await EngineHarness.StartAsync(DatabaseProvider.Postgres, EngineHarness.DayShift);
        var serviceId = await h.IdOfAsync("/api/v1/services", "Citrix");
        const int incidents = 200;
        using (var scope = h.Server.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<IncidentService>();
            for (var i = 0; i < incidents; i++)
            {
                var outcome = await service.OpenAsync(new OpenIncidentRequest($"Citrix outage {i}", null, serviceId, null, null, null, 1, null, null, null, null, null, null, null),
                    Actor.System("load test"), CancellationToken.None);
                Assert.Null(outcome.Failure);
            }
        }

        // Two engines with their own gates, three workers each: only the database's row locks keep the six apart.
        var scopes = h.Server.Services.GetRequiredService<IServiceScopeFactory>();
        var options = Options.Create(new EngineOptions { BatchSize = 25, PostgresWorkers = 3 });
        var database = h.Server.Services.GetRequiredService<IOptions<DatabaseOptions>>();
        Assert.Equal(DatabaseProvider.Postgres, database.Value.Provider);
        var first = new EnginePass(scopes, h.Time, options, database, NullLogger<EnginePass>.Instance);
        var second = new EnginePass(scopes, h.Time, options, database, NullLogger<EnginePass>.Instance);
        for (var minute = 0; minute <= 12; minute++)
        {
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        using var check = h.Server.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var pages = await db.Notifications.Where(n => n.Template == "tier-page").Select(n => new { n.IncidentId, n.PersonId, n.Channel, n.IdempotencyKey }).ToListAsync();
        // Three tiers, 5 minutes apart, all paged within 12 minutes (the first repeat would start at 15): 3 people x 2 channels per incident, and no more.
        Assert.Equal(incidents * 6, pages.Count);
        Assert.All(pages.GroupBy(p => p.IncidentId), g => Assert.Equal(6, g.Count()));
        Assert.Equal(pages.Count, pages.Select(p => p.IdempotencyKey).Distinct().Count());
        Assert.False(await db.EngineJobs.AnyAsync(j => j.Attempts > 0), "a job failed and was retried: two engines collided");
        var timeline = await db.TimelineEntries.Where(e => e.Kind == EscalationTimelineKinds.Paged).CountAsync();
        Assert.Equal(incidents * 3, timeline);
    }
}
