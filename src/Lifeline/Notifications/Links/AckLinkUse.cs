using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Notifications.Links;

/// <summary>
/// The record that an acknowledgement link was used. The link itself is a signed payload and is not
/// stored; its notification id is unique here, so the same link (or the same message rendered again
/// for a retry) acts once, even when two clicks race.
/// </summary>
public sealed class AckLinkUse
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid NotificationId { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid? TeamId { get; private set; }
    public DateTimeOffset UsedAt { get; private set; }

    private AckLinkUse() { }

    public AckLinkUse(Guid notificationId, Guid incidentId, Guid personId, Guid? teamId, DateTimeOffset usedAt)
    {
        NotificationId = notificationId;
        IncidentId = incidentId;
        PersonId = personId;
        TeamId = teamId;
        UsedAt = usedAt;
    }
}

internal sealed class AckLinkUseConfiguration : IEntityTypeConfiguration<AckLinkUse>
{
    public void Configure(EntityTypeBuilder<AckLinkUse> builder)
    {
        builder.ToTable("AckLinkUses");
        builder.HasIndex(u => u.NotificationId).IsUnique();
        builder.HasIndex(u => u.IncidentId);
    }
}
