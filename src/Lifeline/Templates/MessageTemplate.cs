using Lifeline.Storage;
using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Templates;

/// <summary>
/// The words of one kind of message, in Liquid: a subject and text body for e-mail and chat, an
/// optional HTML body (made from the text when absent), and a short form for SMS and voice.
/// Admins edit them; every change is audited.
/// </summary>
public sealed class MessageTemplate : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>What the engine asks for: <c>initial</c>, <c>tier-page</c>, ... (see <see cref="TemplateKeys"/>).</summary>
    public string Key { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    public string ShortForm { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    private MessageTemplate() { }

    public MessageTemplate(string key, string description, string subject, string textBody, string? htmlBody, string shortForm, string by, DateTimeOffset now)
    {
        Key = key;
        Description = description;
        Update(subject, textBody, htmlBody, shortForm, by, now);
    }

    public void Update(string subject, string textBody, string? htmlBody, string shortForm, string by, DateTimeOffset now)
    {
        Subject = subject;
        TextBody = textBody;
        HtmlBody = string.IsNullOrWhiteSpace(htmlBody) ? null : htmlBody;
        ShortForm = shortForm;
        UpdatedBy = by;
        UpdatedAt = now;
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasIndex(t => t.Key).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.Subject).HasMaxLength(1000);
        builder.Property(t => t.TextBody).HasMaxLength(20000);
        builder.Property(t => t.HtmlBody).HasMaxLength(40000);
        builder.Property(t => t.ShortForm).HasMaxLength(2000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
