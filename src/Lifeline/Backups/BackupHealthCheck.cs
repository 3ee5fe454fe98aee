using System.Globalization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifeline.Backups;

/// <summary>
/// The last backup's time and result, in <c>/readyz</c>'s detail: degraded (still 200: the server serves, but someone
/// should look) when the last backup failed or the last good one is more than two days old; healthy otherwise.
/// </summary>
public sealed class BackupHealthCheck(LifelineDbContext db, NightlyBackups nightly, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await BackupStatus.ReadAsync(db, nightly.IsOn, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["nightly"] = status.NightlyOn,
        };
        if (status.LastSuccessAt is { } success)
        {
            data["lastSuccessAt"] = success.ToString("O", CultureInfo.InvariantCulture);
        }
        if (status.Last is { } last)
        {
            data["lastAt"] = last.FinishedAt!.Value.ToString("O", CultureInfo.InvariantCulture);
            data["lastResult"] = last.State == BackupState.Succeeded ? "succeeded" : $"failed: {last.Error}";
        }
        if (status.NextAt is { } next)
        {
            data["nextAt"] = next.ToString("O", CultureInfo.InvariantCulture);
        }
        if (status.Concern(time.GetUtcNow()) is { } concern)
        {
            return HealthCheckResult.Degraded(concern, data: data);
        }
        return HealthCheckResult.Healthy(status.Last is null ? "No backup yet." : "The last backup succeeded.", data);
    }
}

/// <summary>Where backups stand, for <c>/readyz</c> and the console.</summary>
public sealed record BackupStatus(bool NightlyOn, BackupRecord? Last, DateTimeOffset? LastSuccessAt, DateTimeOffset? NextAt)
{
    public static async Task<BackupStatus> ReadAsync(LifelineDbContext db, bool nightlyOn, CancellationToken ct)
    {
        var last = await db.Backups.AsNoTracking().Where(b => b.FinishedAt != null).OrderByDescending(b => b.FinishedAt).FirstOrDefaultAsync(ct);
        var success = await db.Backups.AsNoTracking().Where(b => b.State == BackupState.Succeeded).OrderByDescending(b => b.FinishedAt)
            .Select(b => b.FinishedAt).FirstOrDefaultAsync(ct);
        var next = await db.Backups.AsNoTracking().Where(b => b.Scheduled && b.State == BackupState.Pending).OrderBy(b => b.DueAt)
            .Select(b => (DateTimeOffset?)b.DueAt).FirstOrDefaultAsync(ct);
        return new BackupStatus(nightlyOn, last, success, next);
    }

    /// <summary>What someone should look at: the last backup failed, or the last good one is more than two days old.</summary>
    public string? Concern(DateTimeOffset now) =>
        Last is { State: BackupState.Failed } ? "The last backup failed."
        : NightlyOn && LastSuccessAt is { } at && now - at > TimeSpan.FromDays(2) ? "The last successful backup is more than two days old."
        : null;
}

/// <summary>Where backups stand, for the console: administrators only (a failed backup's error names paths on the server).</summary>
public sealed class BackupReport(LifelineDbContext db, NightlyBackups nightly)
{
    public async Task<Outcome<BackupStatus>> ReadAsync(Actor actor, CancellationToken ct) =>
        actor.Lacks(LifelineRoles.Administrators, "see the backups") is { } refused ? refused : await BackupStatus.ReadAsync(db, nightly.IsOn, ct);
}
