using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Access;

/// <summary>A record that someone was shown a person's contact details in clear. Append-only.</summary>
public sealed class ContactAccessLogEntry
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public DateTimeOffset At { get; private set; }
    public Guid? AccountId { get; private set; }
    public string Actor { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public string? RemoteAddress { get; private set; }
    public string Purpose { get; private set; } = "";

    private ContactAccessLogEntry() { }

    public ContactAccessLogEntry(DateTimeOffset at, Guid? accountId, string actor, Guid personId, string? remoteAddress, string purpose)
    {
        At = at;
        AccountId = accountId;
        Actor = actor;
        PersonId = personId;
        RemoteAddress = remoteAddress;
        Purpose = purpose;
    }
}

internal sealed class ContactAccessLogEntryConfiguration : IEntityTypeConfiguration<ContactAccessLogEntry>
{
    public void Configure(EntityTypeBuilder<ContactAccessLogEntry> builder)
    {
        builder.ToTable("ContactAccessLog");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.Property(e => e.Purpose).HasMaxLength(200);
        builder.HasIndex(e => new { e.PersonId, e.At });
        builder.HasIndex(e => e.At);
    }
}
