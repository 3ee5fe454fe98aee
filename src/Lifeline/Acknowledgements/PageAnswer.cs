using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Acknowledgements;

/// <summary>
/// The record that a page (one notification) was answered through its channel: an SMS reply, a keypress in the
/// call, a click on the link in the mail. Its notification id is unique, so a page acts once however often the
/// answer arrives (a provider retrying its webhook, a replayed message, two clicks racing). The table keeps the
/// name it had when only e-mail links were recorded.
/// </summary>
public sealed class PageAnswer
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid NotificationId { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? TeamId { get; private set; }
    public DateTimeOffset UsedAt { get; private set; }

    private PageAnswer() { }

    public PageAnswer(Guid notificationId, Guid incidentId, Guid personId, Guid? teamId, DateTimeOffset usedAt)
    {
        NotificationId = notificationId;
        IncidentId = incidentId;
        PersonId = personId;
        TeamId = teamId;
        UsedAt = usedAt;
    }
}

internal sealed class PageAnswerConfiguration : IEntityTypeConfiguration<PageAnswer>
{
    public void Configure(EntityTypeBuilder<PageAnswer> builder)
    {
        builder.ToTable("AckLinkUses");
        builder.HasIndex(u => u.NotificationId).IsUnique();
        builder.HasIndex(u => u.IncidentId);
    }
}
