using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Reviews;

/// <summary>Something a review says will be done, by whom (a person in the directory) and by when; open until marked done.</summary>
public sealed class ReviewAction
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid ReviewId { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>Null once the owner was removed from the directory: the action stays open for someone to take over.</summary>
    public Guid? OwnerId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }

    private ReviewAction() { }

    public ReviewAction(Guid reviewId, string text, Guid ownerId, DateOnly dueOn, DateTimeOffset now)
    {
        ReviewId = reviewId;
        Text = text.Trim();
        OwnerId = ownerId;
        DueOn = dueOn;
        CreatedAt = now;
    }

    public bool IsOpen => DoneAt is null;

    public void Change(string text, Guid ownerId, DateOnly dueOn)
    {
        Text = text.Trim();
        OwnerId = ownerId;
        DueOn = dueOn;
    }

    /// <returns>False when it was already done.</returns>
    public bool Complete(string by, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            return false;
        }
        DoneAt = at;
        DoneBy = by;
        return true;
    }
}

internal sealed class ReviewActionConfiguration : IEntityTypeConfiguration<ReviewAction>
{
    public void Configure(EntityTypeBuilder<ReviewAction> builder)
    {
        builder.ToTable("ReviewActions");
        builder.Property(a => a.Text).HasMaxLength(1000);
        builder.Property(a => a.DoneBy).HasMaxLength(256);
        builder.Ignore(a => a.IsOpen);
        // The open-actions page: undone actions by due date.
        builder.HasIndex(a => new { a.DoneAt, a.DueOn });
        builder.HasOne<Lifeline.Directory.People.Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
