using Lifeline.Storage;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Teams;

public sealed class TeamMember : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid TeamId { get; private set; }
    public Guid PersonId { get; private set; }
    public bool IsLead { get; private set; }

    private TeamMember() { }

    internal TeamMember(Guid teamId, Guid personId, bool isLead)
    {
        TeamId = teamId;
        PersonId = personId;
        IsLead = isLead;
    }

    internal void SetLead(bool isLead) => IsLead = isLead;
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("TeamMembers");
        builder.HasIndex(m => new { m.TeamId, m.PersonId }).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
