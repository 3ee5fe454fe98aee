using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Organisations;

/// <summary>
/// A customer organisation (an agency, an office). A VIP organisation such as the Governor's office
/// makes any problem affecting it Severity 1, whatever its reach.
/// </summary>
public sealed class Organisation : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public bool IsVip { get; private set; }

    private Organisation() { }

    public Organisation(string name, string? description, bool isVip) => Update(name, description, isVip);

    public void Update(string name, string? description, bool isVip)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        IsVip = isVip;
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.HasIndex(o => o.Name).IsUnique();
    }
}
