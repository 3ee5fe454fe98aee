using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.People;

/// <summary>
/// One way to reach a person. The value is personal data: it is shown in clear only to entitled
/// roles (see <see cref="Access.ContactDataGuard"/>) and never written to logs.
/// </summary>
public sealed class ContactMethod : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid PersonId { get; private set; }
    public ContactMethodKind Kind { get; private set; }
    /// <summary>E.164 for phones, the address for e-mail, the URL for webhooks.</summary>
    public string Value { get; private set; } = "";
    public string? Label { get; private set; }
    public bool CanSms { get; private set; }
    public bool CanVoice { get; private set; }
    /// <summary>Lower is tried first among methods of the same kind.</summary>
    public int Priority { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }

    private ContactMethod() { }

    internal ContactMethod(Guid personId, ContactMethodKind kind, string value, string? label, bool canSms, bool canVoice, int priority)
    {
        PersonId = personId;
        Kind = kind;
        Update(value, label, canSms, canVoice, priority);
    }

    public bool IsPhone => Kind is ContactMethodKind.OfficePhone or ContactMethodKind.CellPhone;

    public void Update(string value, string? label, bool canSms, bool canVoice, int priority)
    {
        if (value != Value)
        {
            // A new number or address has not been proven to reach the person.
            VerifiedAt = null;
        }
        Value = value;
        Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        // Only a cell phone takes SMS; any phone takes a voice call.
        CanSms = Kind == ContactMethodKind.CellPhone && canSms;
        CanVoice = IsPhone && canVoice;
        Priority = priority;
    }

    public void MarkVerified(DateTimeOffset now) => VerifiedAt = now;

    /// <summary>A new place in the order of preference; the value, and so its verification, stay.</summary>
    public void Reprioritise(int priority) => Priority = priority;
}

internal sealed class ContactMethodConfiguration : IEntityTypeConfiguration<ContactMethod>
{
    public void Configure(EntityTypeBuilder<ContactMethod> builder)
    {
        builder.ToTable("ContactMethods");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Value).HasMaxLength(2048);
        builder.Property(c => c.Label).HasMaxLength(100);
        builder.HasIndex(c => new { c.PersonId, c.Kind, c.Value }).IsUnique();
    }
}
