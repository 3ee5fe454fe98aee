using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Schedules;

/// <summary>
/// Who is on call when, in an IANA time zone: layers of rotations, the later layer winning where it has someone,
/// corrected by <see cref="ScheduleOverride"/>s and by people's absences. A role can be held through a schedule.
/// </summary>
public sealed class Schedule : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public IReadOnlyList<ScheduleLayer> Layers { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private Schedule() { }

    public Schedule(string name, string? description, string timeZone, IReadOnlyList<ScheduleLayer> layers, DateTimeOffset now)
    {
        CreatedAt = now;
        Update(name, description, timeZone, layers);
    }

    public void Update(string name, string? description, string timeZone, IReadOnlyList<ScheduleLayer> layers)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        TimeZone = timeZone.Trim();
        Layers = [.. layers];
    }

    public bool HasParticipant(Guid personId) => Layers.Any(l => l.Participants.Contains(personId));
}

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<Schedule>
{
    public void Configure(EntityTypeBuilder<Schedule> builder)
    {
        builder.ToTable("Schedules");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Layers).HasJsonConversion();
    }
}
