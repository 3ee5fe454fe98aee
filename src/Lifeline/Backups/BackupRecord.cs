using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Backups;

public enum BackupState
{
    /// <summary>A nightly backup waiting for its time: the pending work the backup loop passes over.</summary>
    Pending,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One backup: a nightly one, from the moment it is scheduled (pending, with its due time) to its result, or one made by
/// the <c>backup</c> operator command. The newest finished one is what <c>/readyz</c> and the console report. An
/// instance claims a due backup by moving it to running with a lease (a concurrency token makes the claim single, however
/// many instances try); a lease that runs out (the instance died) makes it claimable again.
/// </summary>
public sealed class BackupRecord
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public bool Scheduled { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public BackupState State { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>The backup's folder name (<c>lifeline-20261128-020000</c>), not its path.</summary>
    public string? Name { get; private set; }
    public long? Bytes { get; private set; }
    public long? Rows { get; private set; }
    public string? Sha256 { get; private set; }
    public string? Error { get; private set; }
    public int Version { get; private set; }

    private BackupRecord() { }

    public static BackupRecord Nightly(DateTimeOffset dueAt) => new() { Scheduled = true, DueAt = dueAt, State = BackupState.Pending };

    public static BackupRecord OnDemand(DateTimeOffset now) => new() { Scheduled = false, DueAt = now, State = BackupState.Running, StartedAt = now };

    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        State = BackupState.Running;
        StartedAt = now;
        LeaseUntil = now + lease;
        Version++;
    }

    public void Succeed(DateTimeOffset now, string name, long bytes, long rows, string sha256)
    {
        (State, FinishedAt, Name, Bytes, Rows, Sha256, Error, LeaseUntil) = (BackupState.Succeeded, now, name, bytes, rows, sha256, null, null);
        Version++;
    }

    public void Fail(DateTimeOffset now, string error)
    {
        (State, FinishedAt, Error, LeaseUntil) = (BackupState.Failed, now, error.Length > 500 ? error[..500] : error, null);
        Version++;
    }
}

internal sealed class BackupRecordConfiguration : IEntityTypeConfiguration<BackupRecord>
{
    public void Configure(EntityTypeBuilder<BackupRecord> builder)
    {
        builder.ToTable("Backups");
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.Sha256).HasMaxLength(64);
        builder.Property(b => b.Error).HasMaxLength(500);
        builder.Property(b => b.Version).IsConcurrencyToken();
        // One nightly backup per slot, however many instances schedule it.
        builder.HasIndex(b => new { b.Scheduled, b.DueAt }).IsUnique();
        builder.HasIndex(b => new { b.State, b.DueAt });
    }
}
