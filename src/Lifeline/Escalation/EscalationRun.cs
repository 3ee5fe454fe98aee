using Lifeline.Escalation.Policies;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Escalation;

public enum EscalationRunState
{
    Active,
    Acknowledged,
    /// <summary>Every tier and repeat paged, nobody answered.</summary>
    Exhausted,
    /// <summary>Stopped because the incident no longer needs it (resolved, severity lowered).</summary>
    Stopped,
}

/// <summary>The policy as it was when the run started: later edits do not change a running escalation.</summary>
public sealed record PolicySnapshot(Guid? PolicyId, string Name, int RepeatCount, IReadOnlyList<EscalationTier> Tiers);

/// <summary>
/// One escalation of an incident: the incident's own (Level 1 chain) or a Level 2 team's
/// engagement. Tracks where it is; the due steps themselves are <see cref="Engine.EngineJob"/>s.
/// </summary>
public sealed class EscalationRun
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    /// <summary>Set for a Level 2 team's engagement; null for the incident's own escalation.</summary>
    public Guid? TeamId { get; private set; }
    public PolicySnapshot Policy { get; private set; } = null!;
    public EscalationRunState State { get; private set; }
    public int Cycle { get; private set; }
    public int Tier { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? LastPagedAt { get; private set; }
    public DateTimeOffset? NextStepAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public string? AcknowledgedVia { get; private set; }

    private EscalationRun() { }

    public EscalationRun(Guid incidentId, Guid? teamId, PolicySnapshot policy, DateTimeOffset now)
    {
        IncidentId = incidentId;
        TeamId = teamId;
        Policy = policy;
        State = EscalationRunState.Active;
        StartedAt = now;
        NextStepAt = now;
    }

    public bool IsActive => State == EscalationRunState.Active;

    public void Paged(int cycle, int tier, DateTimeOffset at, DateTimeOffset? next)
    {
        Cycle = cycle;
        Tier = tier;
        LastPagedAt = at;
        NextStepAt = next;
    }

    public void Acknowledge(string by, string via, DateTimeOffset at) => End(EscalationRunState.Acknowledged, at, by, via);

    public void Exhaust(DateTimeOffset at) => End(EscalationRunState.Exhausted, at, null, null);

    public void Stop(DateTimeOffset at) => End(EscalationRunState.Stopped, at, null, null);

    private void End(EscalationRunState state, DateTimeOffset at, string? by, string? via)
    {
        if (State != EscalationRunState.Active)
        {
            return;
        }
        State = state;
        EndedAt = at;
        NextStepAt = null;
        AcknowledgedBy = by;
        AcknowledgedVia = via;
    }
}

internal sealed class EscalationRunConfiguration : IEntityTypeConfiguration<EscalationRun>
{
    public void Configure(EntityTypeBuilder<EscalationRun> builder)
    {
        builder.ToTable("EscalationRuns");
        builder.Property(r => r.Policy).HasJsonConversion();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(256);
        builder.Property(r => r.AcknowledgedVia).HasMaxLength(64);
        builder.HasIndex(r => new { r.IncidentId, r.TeamId });
        builder.HasOne<Lifeline.Incidents.Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
