using Lifeline.Engine;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Backups;

/// <summary>
/// The nightly backup as pending work in the database: the next one waits as a pending <see cref="BackupRecord"/> with its
/// due time; a pass claims it when due (one instance wins the claim), runs the backup outside any transaction — the
/// escalation engine never waits for it — records the result, schedules the next night and deletes backups beyond
/// <see cref="BackupOptions.Keep"/>. A backup whose instance died is claimed again when its lease runs out.
/// </summary>
public sealed class NightlyBackups(IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider time, ILogger<NightlyBackups> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromHours(1);

    public bool IsOn => !string.IsNullOrWhiteSpace(options.Value.Directory);

    /// <summary>The slot after <paramref name="now"/>: <see cref="BackupOptions.At"/> in <see cref="BackupOptions.TimeZone"/>.</summary>
    public DateTimeOffset NextSlot(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 3; i++, day = day.AddDays(1))
        {
            var wall = day.ToDateTime(options.Value.At);
            // A time skipped by a daylight-saving change runs an hour later that night.
            if (zone.IsInvalidTime(wall))
            {
                wall = wall.AddHours(1);
            }
            var slot = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (slot > now)
            {
                return slot.ToUniversalTime();
            }
        }
        throw new InvalidOperationException("No backup slot in the next three days.");
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!IsOn)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        BackupRecord? claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            await EnsureScheduledAsync(db, now, ct);
            claimed = await db.Backups.Where(b => b.Scheduled && ((b.State == BackupState.Pending && b.DueAt <= now)
                    || (b.State == BackupState.Running && b.LeaseUntil < now)))
                .OrderBy(b => b.DueAt).FirstOrDefaultAsync(ct);
            if (claimed is null)
            {
                return 0;
            }
            claimed.Claim(now, Lease);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return 0; // another instance claimed it first
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var record = await db.Backups.SingleAsync(b => b.Id == claimed.Id, ct);
            try
            {
                var (directory, manifest) = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().CreateAsync(options.Value.Directory!, ct);
                record.Succeed(time.GetUtcNow(), Path.GetFileName(directory), manifest.Bytes, manifest.TotalRows, manifest.Sha256);
                foreach (var removed in DatabaseBackup.Prune(options.Value.Directory!, options.Value.Keep))
                {
                    logger.LogInformation("Deleted the old backup {Backup} (keeping {Keep})", removed, options.Value.Keep);
                }
            }
            catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
            {
                logger.LogError("The nightly backup failed: {Error}", e.Message);
                record.Fail(time.GetUtcNow(), e.Message);
            }
            await db.SaveChangesAsync(ct);
            await EnsureScheduledAsync(db, time.GetUtcNow(), ct);
        }
        return 1;
    }

    /// <summary>When the next backup is due (the loop sleeps until then, or its poll interval).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        if (!IsOn)
        {
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await db.Backups.Where(b => b.Scheduled && b.State == BackupState.Pending).OrderBy(b => b.DueAt).Select(b => (DateTimeOffset?)b.DueAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>A pending backup for the next slot, unless one is waiting already (its unique slot makes two instances agree).</summary>
    private async Task EnsureScheduledAsync(LifelineDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Backups.AnyAsync(b => b.Scheduled && b.State == BackupState.Pending, ct))
        {
            return;
        }
        var slot = NextSlot(now);
        if (await db.Backups.AnyAsync(b => b.Scheduled && b.DueAt == slot, ct))
        {
            return;
        }
        db.Backups.Add(BackupRecord.Nightly(slot));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another instance scheduled the same slot
        }
    }
}

/// <summary>Runs <see cref="NightlyBackups"/> on the loop the engine and the dispatcher use.</summary>
public sealed class NightlyBackupLoop(NightlyBackups backups, IOptions<BackupOptions> options, TimeProvider time, ILogger<NightlyBackupLoop> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    private readonly BackupWakeSignal _signal = new();

    private sealed class BackupWakeSignal : WakeSignal;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => backups.IsOn && options.Value.RunInBackground
        ? DueWorkLoop.RunAsync(ct => backups.RunOnceAsync(ct), backups.NextDueAsync, _signal, time, Poll, logger, "Backup", stoppingToken)
        : Task.CompletedTask;
}
