using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Notifications;

/// <summary>
/// One message to one destination, written to the outbox in the same transaction as the decision
/// that caused it. The destination is a person's contact method (read when sending, so the value
/// is not copied around), a team's shared mailbox, or a chat channel (its webhook URL read when sending, as a
/// contact method's value). Rendering and delivery are the dispatcher's.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>Unique: the same decision taken twice (a retried engine step) cannot queue a message twice.</summary>
    public string IdempotencyKey { get; private set; } = "";
    public Guid? IncidentId { get; private set; }
    public Guid? EscalationRunId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? ContactMethodId { get; private set; }
    public Guid? TeamId { get; private set; }
    /// <summary>A chat channel (<see cref="Chat.ChatChannel"/>) the message is posted to; its URL is read when sending.</summary>
    public Guid? ChatChannelId { get; private set; }
    /// <summary>
    /// A destination that is not a person's contact method: a team's shared mailbox, or the reporter's
    /// own contact for the survey invitation (personal data: never logged).
    /// </summary>
    public string? Address { get; private set; }
    public NotificationChannel Channel { get; private set; }
    /// <summary>The message template: tier-page, level2-page, initial, status-update, resolution, update-reminder, queue-notice ...</summary>
    public string Template { get; private set; } = "";
    /// <summary>A request to the recipient that goes into the message ("please call the CIO and DCIO").</summary>
    public string? Instruction { get; private set; }
    public Guid? StatusUpdateId { get; private set; }
    /// <summary>
    /// A link the message must carry that cannot be made again when rendering (the customer's survey link), encrypted
    /// (<see cref="Links.StoredLinks"/>): it holds a credential.
    /// </summary>
    public string? Link { get; private set; }
    /// <summary>Where to turn when this fails for good (the communication plan's fallback).</summary>
    public NotificationChannel? FallbackChannel { get; private set; }
    public Guid? FallbackOfId { get; private set; }
    public NotificationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>The provider's id for the message (Twilio's MessageSid or CallSid), to match status callbacks.</summary>
    public string? ProviderMessageId { get; private set; }
    /// <summary>Set when this went out in one bundled message with others: the id of the notification that led the bundle.</summary>
    public Guid? BundleId { get; private set; }

    private Notification() { }

    // Only the factories below make one, each for one kind of destination; EF uses the parameterless one.
    private Notification(string idempotencyKey, NotificationChannel channel, string template, DateTimeOffset now)
    {
        IdempotencyKey = idempotencyKey;
        Channel = channel;
        Template = template;
        Status = NotificationStatus.Pending;
        CreatedAt = now;
        DueAt = now;
    }

    /// <summary>
    /// A message to a person over one of their contact methods: a page, a notice, a reminder. The
    /// value is read from the method when sending, so it is not copied here.
    /// </summary>
    public static Notification ToPerson(string idempotencyKey, Guid personId, Guid contactMethodId, NotificationChannel channel, string template,
        DateTimeOffset now, Guid? incidentId = null, Guid? escalationRunId = null, string? instruction = null, Guid? statusUpdateId = null,
        NotificationChannel? fallbackChannel = null) =>
        new(idempotencyKey, channel, template, now)
        {
            PersonId = personId,
            ContactMethodId = contactMethodId,
            IncidentId = incidentId,
            EscalationRunId = escalationRunId,
            Instruction = instruction,
            StatusUpdateId = statusUpdateId,
            FallbackChannel = fallbackChannel,
        };

    /// <summary>An e-mail to a team's shared mailbox about an incident.</summary>
    public static Notification ToMailbox(string idempotencyKey, Guid incidentId, Guid teamId, string address, string template, DateTimeOffset now) =>
        new(idempotencyKey, NotificationChannel.Email, template, now) { IncidentId = incidentId, TeamId = teamId, Address = address };

    /// <summary>
    /// A message posted to a chat channel (a team's channel, the stakeholders' channel) about an incident: a tier or a
    /// communication rule that names the channel. Not a page: nobody in a channel acknowledges for the channel.
    /// </summary>
    public static Notification ToChatChannel(string idempotencyKey, Guid incidentId, Guid chatChannelId, string template, DateTimeOffset now,
        Guid? escalationRunId = null, Guid? teamId = null, string? instruction = null, Guid? statusUpdateId = null) =>
        new(idempotencyKey, NotificationChannel.Chat, template, now)
        {
            IncidentId = incidentId,
            ChatChannelId = chatChannelId,
            EscalationRunId = escalationRunId,
            TeamId = teamId,
            Instruction = instruction,
            StatusUpdateId = statusUpdateId,
        };

    /// <summary>A test message that proves a chat channel's webhook works; a new key for every request.</summary>
    public static Notification ChatChannelTest(Guid chatChannelId, DateTimeOffset now) =>
        new($"{TemplateKeys.TestMessage}:chat:{chatChannelId:N}:{SequentialGuid.NewGuid():N}", NotificationChannel.Chat, TemplateKeys.TestMessage, now)
        {
            ChatChannelId = chatChannelId,
        };

    /// <summary>
    /// A message to an address that belongs to no one in the directory (the reporter's own e-mail
    /// address or phone number for the survey invitation), with a link that cannot be made again when rendering.
    /// </summary>
    public static Notification ToAddress(string idempotencyKey, Guid incidentId, NotificationChannel channel, string address, string template,
        DateTimeOffset now, string? link = null) =>
        new(idempotencyKey, channel, template, now) { IncidentId = incidentId, Address = address, Link = link };

    /// <summary>
    /// The same message as <paramref name="of"/>, which failed for good, to the same person on its
    /// fallback <paramref name="channel"/>. It names no fallback of its own: one fallback, not a chain.
    /// </summary>
    public static Notification Fallback(Notification of, Guid contactMethodId, NotificationChannel channel, DateTimeOffset now) =>
        new($"{of.IdempotencyKey}:fallback:{channel}", channel, of.Template, now)
        {
            PersonId = of.PersonId ?? throw new ArgumentException("Only a message to a person has a fallback.", nameof(of)),
            ContactMethodId = contactMethodId,
            IncidentId = of.IncidentId,
            EscalationRunId = of.EscalationRunId,
            Instruction = of.Instruction,
            StatusUpdateId = of.StatusUpdateId,
            FallbackOfId = of.Id,
        };

    /// <summary>
    /// A test message that proves a contact method reaches its person. Each request sends a new one,
    /// so the key is fresh every time.
    /// </summary>
    public static Notification Verification(Guid personId, Guid contactMethodId, NotificationChannel channel, DateTimeOffset now) =>
        new($"{TemplateKeys.TestMessage}:{contactMethodId:N}:{SequentialGuid.NewGuid():N}", channel, TemplateKeys.TestMessage, now)
        {
            PersonId = personId,
            ContactMethodId = contactMethodId,
        };

    /// <summary>
    /// A message carrying a verification code that the person types back (<see cref="Verification.ContactVerifier"/>). The
    /// code travels in <see cref="Link"/>, protected like a survey link: it is a credential, revealed only to render.
    /// </summary>
    public static Notification VerificationCode(Guid personId, Guid contactMethodId, NotificationChannel channel, string protectedCode, DateTimeOffset now) =>
        new($"{TemplateKeys.VerificationCode}:{contactMethodId:N}:{SequentialGuid.NewGuid():N}", channel, TemplateKeys.VerificationCode, now)
        {
            PersonId = personId,
            ContactMethodId = contactMethodId,
            Link = protectedCode,
        };

    /// <summary>
    /// Handed to a sender. <see cref="DueAt"/> becomes the end of the lease: a notification still
    /// <see cref="NotificationStatus.Sending"/> after it belonged to a sender that crashed, and is sent again.
    /// </summary>
    public void MarkSending(DateTimeOffset leaseUntil) { Status = NotificationStatus.Sending; Attempts++; DueAt = leaseUntil; }

    public void MarkSent(DateTimeOffset at, string? providerMessageId = null, Guid? bundleId = null)
    {
        Status = NotificationStatus.Sent;
        SentAt = at;
        LastError = null;
        ProviderMessageId = providerMessageId;
        BundleId = bundleId;
    }

    /// <summary>Not sent yet and not an attempt: held back until <paramref name="dueAt"/> (a rate limit).</summary>
    public void Postpone(DateTimeOffset dueAt) { Status = NotificationStatus.Pending; DueAt = dueAt; }

    public void MarkDelivered() => Status = NotificationStatus.Delivered;

    /// <summary>A temporary failure: try again at <paramref name="retryAt"/>.</summary>
    public void Retry(string error, DateTimeOffset retryAt) { Status = NotificationStatus.Pending; LastError = error; DueAt = retryAt; }

    public void MarkFailed(string error) { Status = NotificationStatus.Failed; LastError = error; }

    public bool Cancel()
    {
        if (Status != NotificationStatus.Pending)
        {
            return false;
        }
        Status = NotificationStatus.Cancelled;
        return true;
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.IdempotencyKey).HasMaxLength(300);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.Property(n => n.Address).HasMaxLength(254);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.FallbackChannel).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Template).HasMaxLength(64);
        builder.Property(n => n.Instruction).HasMaxLength(500);
        builder.Property(n => n.Link).HasMaxLength(1000);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        // The dispatcher's query: what is pending and due.
        builder.HasIndex(n => new { n.Status, n.DueAt });
        builder.HasIndex(n => n.IncidentId);
        builder.HasIndex(n => n.EscalationRunId);
        builder.HasIndex(n => n.ChatChannelId);
        builder.Property(n => n.ProviderMessageId).HasMaxLength(64);
        builder.HasIndex(n => n.ProviderMessageId);
        // The rate limit's query: what went to this contact method lately.
        builder.HasIndex(n => new { n.ContactMethodId, n.SentAt });
    }
}
