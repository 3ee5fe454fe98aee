using Lifeline.Storage;
using Lifeline.Auditing;
using Lifeline.Directory.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Services;

/// <summary>A Level 2 team engaged by default for incidents in a service area.</summary>
public sealed class ServiceAreaTeam : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ServiceAreaId { get; private set; }
    public Guid TeamId { get; private set; }

    private ServiceAreaTeam() { }

    internal ServiceAreaTeam(Guid serviceAreaId, Guid teamId)
    {
        ServiceAreaId = serviceAreaId;
        TeamId = teamId;
    }
}

internal sealed class ServiceAreaTeamConfiguration : IEntityTypeConfiguration<ServiceAreaTeam>
{
    public void Configure(EntityTypeBuilder<ServiceAreaTeam> builder)
    {
        builder.ToTable("ServiceAreaTeams");
        builder.HasIndex(t => new { t.ServiceAreaId, t.TeamId }).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
