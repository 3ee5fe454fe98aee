using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Engine;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Storage;

/// <summary>
/// An upgrade keeps data: a database in the schema of the previous release (up to <see cref="PreviousRelease"/>), holding the
/// demo organisation and a Severity 1 incident in the middle of its escalation, is upgraded by the new server at start,
/// and the escalation goes on where it was.
/// </summary>
public sealed class UpgradeTests
{
    /// <summary>
    /// The newest migration of the release before this one: every migration after it (several, when a release adds more
    /// than one) is undone and then applied by the new server. Move it forward when a release is made.
    /// </summary>
    private const string PreviousRelease = "AddMfa";

    [Theory, DatabaseData]
    public async Task Upgrade_FromThePreviousReleaseMidEscalation_KeepsTheDataAndKeepsEscalating(DatabaseProvider provider)
    {
        await using var before = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await before.OpenAsync();
        await before.RunEngineAsync();
        Assert.Contains(await before.NotificationsAsync(number), n => n.Person == "Henry Castillo");

        // The previous release's schema: this release's migrations undone, the data in place.
        string previous;
        await using (var db = before.Server.Database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            previous = migrations.SingleOrDefault(m => m.EndsWith("_" + PreviousRelease, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No migration {PreviousRelease}, the previous release's newest.");
            Assert.NotEqual(migrations[^1], previous);
            await db.GetService<IMigrator>().MigrateAsync(previous, TestContext.Current.CancellationToken);
            Assert.Equal(previous, (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last());
            Assert.Equal(1, await db.Incidents.CountAsync(TestContext.Current.CancellationToken));
        }

        // The new server on that database: it migrates at start, and its engine takes the escalation on from tier 1.
        var time = new FakeTimeProvider(before.Time.GetUtcNow());
        await using var after = await LifelineServer.StartAsync(provider, time, seedDemoData: false, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Database:ConnectionString"] = before.Server.Database.ConnectionString,
            ["Lifeline:Engine:RunInBackground"] = "false",
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        });
        await using (var db = before.Server.Database.CreateContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.True(await db.People.CountAsync(TestContext.Current.CancellationToken) > 20, "The demo organisation did not survive the upgrade.");
            // Tables and columns added since the previous release are there and start empty (AddChatChannels).
            Assert.Equal(0, await db.ChatChannels.CountAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.Notifications.AnyAsync(n => n.ChatChannelId != null, TestContext.Current.CancellationToken));
        }
        var pass = after.Services.GetRequiredService<EnginePass>();
        for (var minute = 0; minute < 7; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await pass.RunOnceAsync();
        }

        using var admin = after.AdminClient();
        var escalation = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{number}/escalation");
        var run = escalation.GetProperty("runs")[0];
        Assert.Equal("Active", run.GetProperty("state").GetString());
        Assert.Equal(2, run.GetProperty("currentTier").GetInt32());
        Assert.Contains(run.GetProperty("notified").EnumerateArray(), n => n.GetProperty("person").GetString() != "Henry Castillo");
    }
}
