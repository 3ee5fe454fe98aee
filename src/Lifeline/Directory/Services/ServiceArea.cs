using Lifeline.Auditing;
using Lifeline.Directory.People;
using Lifeline.Directory.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Services;

/// <summary>
/// A group of services with a manager (the seed's "Service Area Manager of the service affected",
/// the last backup in the Severity 1 chain) and the Level 2 teams engaged by default.
/// </summary>
public sealed class ServiceArea : IAudited
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid ManagerId { get; private set; }
    public List<ServiceAreaTeam> DefaultTeams { get; private set; } = [];

    private ServiceArea() { }

    public ServiceArea(string name, string? description, Guid managerId) => Update(name, description, managerId);

    public void Update(string name, string? description, Guid managerId)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ManagerId = managerId;
    }

    public void SetDefaultTeams(IReadOnlyList<Guid> teamIds)
    {
        DefaultTeams.RemoveAll(t => !teamIds.Contains(t.TeamId));
        foreach (var teamId in teamIds.Where(id => !DefaultTeams.Exists(t => t.TeamId == id)))
        {
            DefaultTeams.Add(new ServiceAreaTeam(Id, teamId));
        }
    }
}

internal sealed class ServiceAreaConfiguration : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> builder)
    {
        builder.ToTable("ServiceAreas");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.HasIndex(a => a.Name).IsUnique();
        // Restrict: a service area must always have a manager to escalate to.
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.ManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.DefaultTeams).WithOne().HasForeignKey(t => t.ServiceAreaId).OnDelete(DeleteBehavior.Cascade);
    }
}
