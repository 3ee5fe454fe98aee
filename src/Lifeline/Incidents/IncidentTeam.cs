using Lifeline.Storage;
using Lifeline.Directory.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Incidents;

/// <summary>A Level 2 group the incident manager named for an incident.</summary>
public sealed class IncidentTeam
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public Guid TeamId { get; private set; }

    private IncidentTeam() { }

    internal IncidentTeam(Guid incidentId, Guid teamId)
    {
        IncidentId = incidentId;
        TeamId = teamId;
    }
}

internal sealed class IncidentTeamConfiguration : IEntityTypeConfiguration<IncidentTeam>
{
    public void Configure(EntityTypeBuilder<IncidentTeam> builder)
    {
        // The id is set when the object is made: without this, EF takes a new child of a tracked incident for an existing row.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.ToTable("IncidentTeams");
        builder.HasIndex(t => new { t.IncidentId, t.TeamId }).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
