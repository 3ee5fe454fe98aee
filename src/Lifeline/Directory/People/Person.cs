using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Directory.People;

/// <summary>A contact: someone Lifeline may have to reach in an emergency.</summary>
public sealed class Person : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Title { get; private set; }
    /// <summary>IANA time zone id, e.g. <c>America/New_York</c>.</summary>
    public string TimeZone { get; private set; } = "UTC";
    public string? Notes { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<ContactMethod> ContactMethods { get; private set; } = [];

    private Person() { }

    public Person(string name, string? title, string timeZone, string? notes, DateTimeOffset now)
    {
        CreatedAt = now;
        Update(name, title, timeZone, notes, now);
    }

    public void Update(string name, string? title, string timeZone, string? notes, DateTimeOffset now)
    {
        Name = name.Trim();
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        TimeZone = timeZone;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        UpdatedAt = now;
    }

    public ContactMethod AddContactMethod(ContactMethodKind kind, string normalisedValue, string? label, bool canSms, bool canVoice, int priority)
    {
        var method = new ContactMethod(Id, kind, normalisedValue, label, canSms, canVoice, priority);
        ContactMethods.Add(method);
        return method;
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.HasIndex(p => p.Name);
        builder.HasMany(p => p.ContactMethods).WithOne().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
