using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Teams;

/// <summary>
/// A group of people: the Level 1 help desk or a Level 2 resolver group. A team's own phone line
/// and mailbox are shared, published contacts (the help desk line), not personal data.
/// </summary>
public sealed class Team : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public TeamKind Kind { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    /// <summary>How the team is paged when engaged as Level 2; null pages all members at once.</summary>
    public Guid? EscalationPolicyId { get; private set; }
    public List<TeamMember> Members { get; private set; } = [];

    private Team() { }

    public Team(string name, string? description, TeamKind kind, string? phone, string? email) =>
        Update(name, description, kind, phone, email);

    public void Update(string name, string? description, TeamKind kind, string? phone, string? email)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Kind = kind;
        Phone = phone;
        Email = email;
    }

    public void UseEscalationPolicy(Guid? policyId) => EscalationPolicyId = policyId;

    public void SetMembers(IReadOnlyList<(Guid PersonId, bool IsLead)> members)
    {
        Members.RemoveAll(m => !members.Any(n => n.PersonId == m.PersonId));
        foreach (var (personId, isLead) in members)
        {
            var member = Members.Find(m => m.PersonId == personId);
            if (member is null)
            {
                Members.Add(new TeamMember(Id, personId, isLead));
            }
            else
            {
                member.SetLead(isLead);
            }
        }
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Phone).HasMaxLength(40);
        builder.Property(t => t.Email).HasMaxLength(254);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<Lifeline.Escalation.Policies.EscalationPolicy>().WithMany().HasForeignKey(t => t.EscalationPolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
