using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Engine;

/// <summary>
/// A piece of work the engine must do at a time: the only memory the engine has. Claimed under a
/// row lock, carried out and marked done in one transaction. <see cref="FenceKey"/> is unique, so
/// the same step (incident, run, cycle, tier) can be scheduled only once however often the step
/// that schedules it is retried or raced.
/// </summary>
public sealed class EngineJob
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string FenceKey { get; private set; } = "";
    /// <summary>Which module's handler carries the job out (<see cref="EngineSetup.AddEngineJob{THandler}"/>); stored as text.</summary>
    public string Kind { get; private set; } = "";
    public Guid IncidentId { get; private set; }
    public Guid? EscalationRunId { get; private set; }
    public int Cycle { get; private set; }
    public int Tier { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? Outcome { get; private set; }
    public int Attempts { get; private set; }

    private EngineJob() { }

    public EngineJob(string fenceKey, string kind, Guid incidentId, Guid? escalationRunId, int cycle, int tier, DateTimeOffset dueAt, DateTimeOffset now)
    {
        FenceKey = fenceKey;
        Kind = kind;
        IncidentId = incidentId;
        EscalationRunId = escalationRunId;
        Cycle = cycle;
        Tier = tier;
        DueAt = dueAt;
        CreatedAt = now;
    }

    public void Complete(DateTimeOffset at, string outcome)
    {
        DoneAt ??= at;
        Outcome = outcome.Length > 200 ? outcome[..200] : outcome;
    }

    /// <summary>"Escalate now": the step fires at once instead of at the end of the wait.</summary>
    public void BringForward(DateTimeOffset now)
    {
        if (DueAt > now)
        {
            DueAt = now;
        }
    }

    /// <summary>A failed attempt: try again later, with a growing delay.</summary>
    public void Postpone(DateTimeOffset now, string error)
    {
        Attempts++;
        DueAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Attempts)));
        Outcome = error.Length > 200 ? error[..200] : error;
    }
}

internal sealed class EngineJobConfiguration : IEntityTypeConfiguration<EngineJob>
{
    public void Configure(EntityTypeBuilder<EngineJob> builder)
    {
        builder.ToTable("EngineJobs");
        builder.Property(j => j.FenceKey).HasMaxLength(200);
        builder.HasIndex(j => j.FenceKey).IsUnique();
        builder.Property(j => j.Kind).HasMaxLength(32);
        builder.Property(j => j.Outcome).HasMaxLength(200);
        // The engine's claim query: undone work by due time.
        builder.HasIndex(j => new { j.DoneAt, j.DueAt });
        builder.HasIndex(j => j.EscalationRunId);
        builder.HasIndex(j => j.IncidentId);
    }
}
