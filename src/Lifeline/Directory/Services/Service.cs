using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Services;

/// <summary>Something users depend on (E-mail, Active Directory, the DMV portal), in a service area.</summary>
public sealed class Service : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid ServiceAreaId { get; private set; }
    /// <summary>The seed's "Major Enterprise Services" (E-mail, Internet Access, CICS, Portal, ...).</summary>
    public bool IsMajorEnterpriseService { get; private set; }
    /// <summary>The seed's "Public Facing" services (DMV, DCF Hotline).</summary>
    public bool IsPublicFacing { get; private set; }
    /// <summary>The policy that pages people for this service; null means the default policy.</summary>
    public Guid? EscalationPolicyId { get; private set; }
    /// <summary>
    /// An administrator's opt-in: this service's current incidents are shown on the public status page (/status), to
    /// people who are not signed in. Off by default: an incident's service and latest update are internal until someone
    /// decides otherwise.
    /// </summary>
    public bool OnPublicStatusPage { get; private set; }

    private Service() { }

    public Service(string name, string? description, Guid serviceAreaId, bool isMajorEnterpriseService, bool isPublicFacing) =>
        Update(name, description, serviceAreaId, isMajorEnterpriseService, isPublicFacing);

    public void UseEscalationPolicy(Guid? policyId) => EscalationPolicyId = policyId;

    public void ShowOnPublicStatusPage(bool shown) => OnPublicStatusPage = shown;

    public void Update(string name, string? description, Guid serviceAreaId, bool isMajorEnterpriseService, bool isPublicFacing)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ServiceAreaId = serviceAreaId;
        IsMajorEnterpriseService = isMajorEnterpriseService;
        IsPublicFacing = isPublicFacing;
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("Services");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(s => s.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lifeline.Escalation.Policies.EscalationPolicy>().WithMany().HasForeignKey(s => s.EscalationPolicyId).OnDelete(DeleteBehavior.Restrict);
    }
}
