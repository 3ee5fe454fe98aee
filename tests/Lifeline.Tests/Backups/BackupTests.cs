using System.Net;
using System.Text.Json;
using Lifeline.Backups;
using Lifeline.Engine;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Lifeline.Tests.Backups;

/// <summary>Backups made while the server runs, restored into an empty database, and the nightly backup.</summary>
public sealed class BackupTests
{
    /// <summary>An empty database (no schema) to restore into.</summary>
    private sealed class EmptyDatabase : IAsyncDisposable
    {
        public required DatabaseProvider Provider { get; init; }
        public required string ConnectionString { get; init; }
        private string? Path { get; init; }
        private string? Name { get; init; }

        public static async Task<EmptyDatabase> CreateAsync(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lifeline-restore-{Guid.NewGuid():N}.db");
                return new EmptyDatabase { Provider = provider, ConnectionString = $"Data Source={path};Pooling=False", Path = path };
            }
            var server = TestEnvironment.PostgresConnectionString;
            TestEnvironment.Require(server is not null, "PostgreSQL (LIFELINE_TEST_POSTGRES)");
            var name = $"lifeline_restore_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            return new EmptyDatabase { Provider = provider, ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, Name = name };
        }

        public LifelineDbContext Context() => Provider == DatabaseProvider.Sqlite
            ? new SqliteLifelineDbContext(new DbContextOptionsBuilder<SqliteLifelineDbContext>().UseSqlite(ConnectionString, StorageSetup.SqliteOptions).Options)
            : new PostgresLifelineDbContext(new DbContextOptionsBuilder<PostgresLifelineDbContext>().UseNpgsql(ConnectionString, StorageSetup.PostgresOptions).Options);

        public static DatabaseBackup Restorer(LifelineDbContext db) =>
            new(db, Options.Create(new BackupOptions()), TimeProvider.System, NullLogger<DatabaseBackup>.Instance);

        public async ValueTask DisposeAsync()
        {
            if (Path is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(Path + suffix);
                }
            }
            if (Name is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static string TempFolder() => System.IO.Directory.CreateTempSubdirectory("lifeline-backups-").FullName;

    [Theory, DatabaseData, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RestoreDrill_BackedUpWhileEscalating_RestoredIntoAFreshDatabase_TheEscalationContinues(DatabaseProvider provider)
    {
        var folder = TempFolder();
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["Henry Castillo"], (await h.NotificationsAsync(number)).Where(n => n.Template == "tier-page").Select(n => n.Person).Distinct());

        // Backed up by the running server's own service while the escalation waits for its next tier.
        string backup;
        BackupManifest manifest;
        using (var scope = h.Server.Services.CreateScope())
        {
            (backup, manifest) = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().CreateAsync(folder, TestContext.Current.CancellationToken);
        }
        Assert.True(File.Exists(Path.Combine(backup, manifest.DataFile)));
        Assert.Equal(1, manifest.Tables.Single(t => t.Table == "Incidents").Rows);
        Assert.Contains(manifest.Tables, t => t.Table == "EngineJobs" && t.Rows > 0);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(backup, manifest.DataFile)));
        // The live database goes on after the backup; the restored one will not have this.
        await h.OpenAsync(title: "Opened after the backup");

        await using var fresh = await EmptyDatabase.CreateAsync(provider);
        var tempMode = File.GetUnixFileMode(Path.GetTempPath());
        await using (var db = fresh.Context())
        {
            var (restoredManifest, check) = await EmptyDatabase.Restorer(db).RestoreAsync(backup, TestContext.Current.CancellationToken);
            Assert.True(check.Matches, string.Join("; ", check.Differences));
            Assert.Equal(manifest.TotalRows, check.Rows);
            Assert.Equal(manifest.Sha256, restoredManifest.Sha256);
            Assert.True(check.SampledRows > 20);
        }
        // The SQLite copy went into the shared temporary folder: restoring must not have narrowed that folder's mode.
        Assert.Equal(tempMode, File.GetUnixFileMode(Path.GetTempPath()));

        // A server on the restored database, its clock where the backup was: the escalation goes on at tier 2.
        var time = new FakeTimeProvider(h.Time.GetUtcNow());
        await using var restored = await LifelineServer.StartAsync(provider, time, seedDemoData: false, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Database:ConnectionString"] = fresh.ConnectionString,
            ["Lifeline:Engine:RunInBackground"] = "false",
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        });
        var pass = restored.Services.GetRequiredService<EnginePass>();
        for (var minute = 0; minute < 5; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await pass.RunOnceAsync(TestContext.Current.CancellationToken);
        }
        using var admin = restored.AdminClient();
        var incidents = await admin.GetAsync("/api/v1/incidents").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([number], incidents.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        var escalation = await admin.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        var run = Assert.Single(escalation.GetProperty("runs").EnumerateArray());
        Assert.Equal(2, run.GetProperty("currentTier").GetInt32());
        var pages = run.GetProperty("notified").EnumerateArray().Where(n => n.GetProperty("template").GetString() == "tier-page").Select(n => n.GetProperty("person").GetString()).ToList();
        Assert.Contains("Aisha Karim", pages);
        // Tier 1 was not paged again: it was already done in the backup.
        Assert.Equal(pages.Count(p => p == "Henry Castillo"), (await h.NotificationsAsync(number)).Count(n => n is { Person: "Henry Castillo", Template: "tier-page" }));
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Theory, DatabaseData]
    public async Task Restore_IntoADatabaseWithData_OrFromADamagedBackup_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        var folder = TempFolder();
        await using var server = await LifelineServer.StartAsync(provider);
        string backup;
        BackupManifest manifest;
        using (var scope = server.Services.CreateScope())
        {
            (backup, manifest) = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().CreateAsync(folder, TestContext.Current.CancellationToken);
        }

        // Into the live database: refused.
        using (var scope = server.Services.CreateScope())
        {
            var refused = await Assert.ThrowsAsync<BackupException>(() => scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(backup, TestContext.Current.CancellationToken));
            Assert.Contains("not empty", refused.Message);
        }

        // A damaged data file: refused before anything is written.
        await using (var file = File.OpenWrite(Path.Combine(backup, manifest.DataFile)))
        {
            file.Seek(-10, SeekOrigin.End);
            file.WriteByte(0x42);
        }
        await using var fresh = await EmptyDatabase.CreateAsync(provider);
        await using (var db = fresh.Context())
        {
            var damaged = await Assert.ThrowsAsync<BackupException>(() => EmptyDatabase.Restorer(db).RestoreAsync(backup, TestContext.Current.CancellationToken));
            Assert.Contains("damaged", damaged.Message);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken).ContinueWith(t => t.IsFaulted ? [] : t.Result, TestContext.Current.CancellationToken));
        }
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Nightly_RunsAtItsTime_RecordsTheResultInReadyz_KeepsTheNewest()
    {
        var folder = TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 6, 30, 0, TimeSpan.Zero)); // 01:30 in New York
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, time, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Backup:Directory"] = folder,
            ["Lifeline:Backup:At"] = "02:00",
            ["Lifeline:Backup:TimeZone"] = "America/New_York",
            ["Lifeline:Backup:Keep"] = "2",
            ["Lifeline:Backup:RunInBackground"] = "false",
        });
        var nightly = server.Services.GetRequiredService<NightlyBackups>();
        Assert.Equal(0, await nightly.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), await nightly.NextDueAsync(TestContext.Current.CancellationToken));
        Assert.Empty(System.IO.Directory.GetDirectories(folder));

        for (var night = 0; night < 3; night++)
        {
            time.Advance(night == 0 ? TimeSpan.FromMinutes(31) : TimeSpan.FromDays(1));
            Assert.Equal(1, await nightly.RunOnceAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await nightly.RunOnceAsync(TestContext.Current.CancellationToken));
        }
        // Three nights, two kept: the newest.
        Assert.Equal(["lifeline-20261129-070100", "lifeline-20261130-070100"], System.IO.Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), await nightly.NextDueAsync(TestContext.Current.CancellationToken));

        using var anonymous = server.Server.CreateClient();
        using var ready = await anonymous.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var check = report.GetProperty("checks").GetProperty("backup");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal("succeeded", check.GetProperty("data").GetProperty("lastResult").GetString());
        Assert.Equal("2026-11-30T07:01:00.0000000+00:00", check.GetProperty("data").GetProperty("lastAt").GetString());
        Assert.DoesNotContain(folder, report.GetRawText(), StringComparison.Ordinal);
        System.IO.Directory.Delete(folder, recursive: true);
    }
}
