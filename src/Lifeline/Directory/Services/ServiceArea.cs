using Lifeline.Storage;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Services;

/// <summary>
/// A group of services with a manager (the seed's "Service Area Manager of the service affected",
/// the last backup in the Severity 1 chain) and the Level 2 teams engaged by default.
/// </summary>
public sealed class ServiceArea : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid ManagerId { get; private set; }
    public List<ServiceAreaTeam> DefaultTeams { get; private set; } = [];
    /// <summary>The area's conference bridge, given to Level 2 groups with the ticket number; null means the configured default.</summary>
    public string? BridgeDialIn { get; private set; }
    public string? BridgePin { get; private set; }
    public string? BridgeLink { get; private set; }

    private ServiceArea() { }

    public ServiceArea(string name, string? description, Guid managerId) => Update(name, description, managerId);

    public void Update(string name, string? description, Guid managerId)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ManagerId = managerId;
    }

    public void SetBridge(string? dialIn, string? pin, string? link)
    {
        BridgeDialIn = string.IsNullOrWhiteSpace(dialIn) ? null : dialIn.Trim();
        BridgePin = string.IsNullOrWhiteSpace(pin) ? null : pin.Trim();
        BridgeLink = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
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
        builder.Property(a => a.BridgeDialIn).HasMaxLength(64);
        builder.Property(a => a.BridgePin).HasMaxLength(32);
        builder.Property(a => a.BridgeLink).HasMaxLength(500);
        // Restrict: a service area must always have a manager to escalate to.
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.ManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.DefaultTeams).WithOne().HasForeignKey(t => t.ServiceAreaId).OnDelete(DeleteBehavior.Cascade);
    }
}
