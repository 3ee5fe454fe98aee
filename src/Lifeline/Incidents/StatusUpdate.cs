using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Incidents;

/// <summary>
/// A status update, shaped by the seed's update e-mail: "isolated the issue to &lt;...&gt; and expect a
/// resolution by &lt;...&gt;", both only when known.
/// </summary>
public sealed class StatusUpdate
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public string Text { get; private set; } = "";
    public string? IsolatedTo { get; private set; }
    public DateTimeOffset? ExpectedResolutionAt { get; private set; }
    public string PostedBy { get; private set; } = "";
    public DateTimeOffset PostedAt { get; private set; }

    private StatusUpdate() { }

    internal StatusUpdate(Guid incidentId, string text, string? isolatedTo, DateTimeOffset? expectedResolutionAt, string postedBy, DateTimeOffset postedAt)
    {
        IncidentId = incidentId;
        Text = text.Trim();
        IsolatedTo = string.IsNullOrWhiteSpace(isolatedTo) ? null : isolatedTo.Trim();
        ExpectedResolutionAt = expectedResolutionAt?.ToUniversalTime();
        PostedBy = postedBy;
        PostedAt = postedAt;
    }
}

internal sealed class StatusUpdateConfiguration : IEntityTypeConfiguration<StatusUpdate>
{
    public void Configure(EntityTypeBuilder<StatusUpdate> builder)
    {
        // The id is set when the object is made: without this, EF takes a new child of a tracked incident for an existing row.
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.ToTable("IncidentStatusUpdates");
        builder.Property(u => u.Text).HasMaxLength(4000);
        builder.Property(u => u.IsolatedTo).HasMaxLength(500);
        builder.Property(u => u.PostedBy).HasMaxLength(256);
        builder.HasIndex(u => new { u.IncidentId, u.PostedAt });
    }
}
