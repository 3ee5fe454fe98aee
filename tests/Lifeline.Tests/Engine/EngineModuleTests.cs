using Lifeline.Engine;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Engine;

/// <summary>
/// A module that is not part of Lifeline registers a job kind of its own, the way schedules, heartbeats and drills
/// will: the engine carries its jobs out when due, commits what the handler wrote with them, and puts off a kind
/// that nobody handles instead of dropping it.
/// </summary>
public sealed class EngineModuleTests
{
    private const string PingKind = "TestPing";

    /// <summary>What the test module did, outside the database, so the test sees each run.</summary>
    private sealed class PingLog
    {
        public List<(string FenceKey, DateTimeOffset At)> Runs { get; } = [];
    }

    /// <summary>Answers a ping and, for the first ping of a chain, schedules the next one a minute later in the same unit of work.</summary>
    private sealed class PingHandler(LifelineDbContext db, PingLog log, TimeProvider time) : IEngineJobHandler
    {
        public Task<string> RunAsync(EngineJob job, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            log.Runs.Add((job.FenceKey, now));
            if (job.Cycle == 0)
            {
                db.EngineJobs.Add(new EngineJob($"{job.FenceKey}:next", PingKind, job.IncidentId, null, 1, 0, now + TimeSpan.FromMinutes(1), now));
            }
            return Task.FromResult($"pinged {job.Cycle}");
        }
    }

    [Theory, DatabaseData]
    public async Task AddEngineJob_KindFromAnotherModule_CarriedOutWhenDueWithWhatItScheduled(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        var log = new PingLog();
        await using var server = await LifelineServer.StartAsync(provider, time, new Dictionary<string, string?>
        {
            ["Lifeline:Engine:RunInBackground"] = "false",
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        }, seedDemoData: false, services: s => s.AddSingleton(log).AddEngineJob<PingHandler>(PingKind));
        var pass = server.Services.GetRequiredService<EnginePass>();
        var key = $"ping:{Guid.NewGuid():N}";
        await using (var db = server.Database.CreateContext())
        {
            db.EngineJobs.Add(new EngineJob(key, PingKind, Guid.NewGuid(), null, 0, 0, time.GetUtcNow() + TimeSpan.FromMinutes(5), time.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await pass.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Empty(log.Runs);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await pass.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal([key], log.Runs.Select(r => r.FenceKey));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await pass.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal([key, $"{key}:next"], log.Runs.Select(r => r.FenceKey));

        await using var check = server.Database.CreateContext();
        var jobs = await check.EngineJobs.AsNoTracking().Where(j => j.Kind == PingKind).OrderBy(j => j.Cycle).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["pinged 0", "pinged 1"], jobs.Select(j => j.Outcome));
        Assert.All(jobs, j => Assert.NotNull(j.DoneAt));
    }

    [Theory, DatabaseData]
    public async Task Pass_KindNobodyHandles_PutOffNotDropped(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time, new Dictionary<string, string?>
        {
            ["Lifeline:Engine:RunInBackground"] = "false",
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        }, seedDemoData: false);
        await using (var db = server.Database.CreateContext())
        {
            db.EngineJobs.Add(new EngineJob("future:1", "FromANewerRelease", Guid.NewGuid(), null, 0, 0, time.GetUtcNow(), time.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await server.Services.GetRequiredService<EnginePass>().RunOnceAsync(TestContext.Current.CancellationToken);

        await using var check = server.Database.CreateContext();
        var job = await check.EngineJobs.AsNoTracking().SingleAsync(j => j.FenceKey == "future:1", TestContext.Current.CancellationToken);
        Assert.Null(job.DoneAt);
        Assert.Equal(1, job.Attempts);
        Assert.True(job.DueAt > time.GetUtcNow());
        Assert.Contains(EngineJobRunner.NoHandler, job.Outcome);
    }
}
