using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Reviews;

/// <summary>
/// The post-incident review of a resolved incident, written by its incident manager: what happened (summary), to whom
/// (impact), excerpts picked from the timeline, why (causes) and what will be done (<see cref="ReviewAction"/>s).
/// One per incident; edits replace the text, and the picked excerpts are timeline entry ids, so they stay the
/// timeline's own words and times.
/// </summary>
public sealed class Review
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public string Summary { get; private set; } = "";
    public string Impact { get; private set; } = "";
    public string Causes { get; private set; } = "";
    public IReadOnlyList<Guid> TimelineEntryIds { get; private set; } = [];
    public string Author { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<ReviewAction> Actions { get; private set; } = [];

    private Review() { }

    public Review(Guid incidentId, string author, DateTimeOffset now)
    {
        IncidentId = incidentId;
        Author = author;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public void Write(string summary, string impact, string causes, IReadOnlyList<Guid> timelineEntryIds, string author, DateTimeOffset now)
    {
        Summary = summary.Trim();
        Impact = impact.Trim();
        Causes = causes.Trim();
        TimelineEntryIds = timelineEntryIds;
        Author = author;
        UpdatedAt = now;
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.Property(r => r.Summary).HasMaxLength(8000);
        builder.Property(r => r.Impact).HasMaxLength(8000);
        builder.Property(r => r.Causes).HasMaxLength(8000);
        builder.Property(r => r.Author).HasMaxLength(256);
        builder.Property(r => r.TimelineEntryIds).HasJsonConversion();
        builder.HasIndex(r => r.IncidentId).IsUnique();
        builder.HasOne<Lifeline.Incidents.Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}
