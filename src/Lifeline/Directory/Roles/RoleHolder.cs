using Lifeline.Storage;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Roles;

/// <summary>A person holding a role, at a position in the role's order.</summary>
public sealed class RoleHolder : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid RoleId { get; private set; }
    public Guid PersonId { get; private set; }
    public int Position { get; private set; }

    private RoleHolder() { }

    internal RoleHolder(Guid roleId, Guid personId, int position)
    {
        RoleId = roleId;
        PersonId = personId;
        Position = position;
    }

    internal void MoveTo(int position) => Position = position;
}

internal sealed class RoleHolderConfiguration : IEntityTypeConfiguration<RoleHolder>
{
    public void Configure(EntityTypeBuilder<RoleHolder> builder)
    {
        builder.ToTable("RoleHolders");
        builder.HasIndex(h => new { h.RoleId, h.PersonId }).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
