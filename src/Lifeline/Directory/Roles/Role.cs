using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Roles;

/// <summary>
/// A position such as "Incident Manager 1" or "Director of Operations", with what it is
/// responsible for and the people who hold it, in order (the first holder is asked first).
/// </summary>
public sealed class Role : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Responsibilities { get; private set; }
    public List<RoleHolder> Holders { get; private set; } = [];
    /// <summary>
    /// When set, the role is held by whoever is on call in this schedule; the holders are then asked only when
    /// nobody is (a gap), and are what the contact letter lists.
    /// </summary>
    public Guid? ScheduleId { get; private set; }

    private Role() { }

    public Role(string name, string? responsibilities) => Update(name, responsibilities);

    public void Update(string name, string? responsibilities)
    {
        Name = name.Trim();
        Responsibilities = string.IsNullOrWhiteSpace(responsibilities) ? null : responsibilities.Trim();
    }

    public void HoldThrough(Guid? scheduleId) => ScheduleId = scheduleId;

    public void SetHolders(IReadOnlyList<Guid> personIds)
    {
        Holders.RemoveAll(h => !personIds.Contains(h.PersonId));
        for (var i = 0; i < personIds.Count; i++)
        {
            var holder = Holders.Find(h => h.PersonId == personIds[i]);
            if (holder is null)
            {
                Holders.Add(new RoleHolder(Id, personIds[i], i));
            }
            else
            {
                holder.MoveTo(i);
            }
        }
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("Roles");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Responsibilities).HasMaxLength(4000);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasOne<Schedules.Schedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Holders).WithOne().HasForeignKey(h => h.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
