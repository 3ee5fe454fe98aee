using Lifeline.Storage;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.Availability;

/// <summary>
/// A time a person cannot be reached (out of office, leave). Escalation skips them at once
/// instead of waiting out a tier, or pages the stand-in when one is named.
/// </summary>
public sealed class Absence : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid PersonId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public Guid? StandInId { get; private set; }
    public string? Reason { get; private set; }

    private Absence() { }

    public Absence(Guid personId, DateTimeOffset from, DateTimeOffset to, Guid? standInId, string? reason)
    {
        PersonId = personId;
        From = from;
        To = to;
        StandInId = standInId;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    public bool Covers(DateTimeOffset instant) => From <= instant && instant < To;
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> builder)
    {
        builder.ToTable("Absences");
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasIndex(a => new { a.PersonId, a.To });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A stand-in cannot be deleted while named: the absence would silently lose its cover.
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.StandInId).OnDelete(DeleteBehavior.Restrict);
    }
}
