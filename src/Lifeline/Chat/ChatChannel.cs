using Lifeline.Auditing;
using Lifeline.Directory.Teams;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Chat;

/// <summary>
/// A place in a chat tool where Lifeline posts (a team's channel, the stakeholders' channel), reached by an incoming
/// webhook. The webhook's URL is its credential (Slack's and Teams' carry the token in the path): it is kept encrypted
/// (<see cref="ChatChannelUrls"/>), so the audit log and a copy of the database hold only ciphertext.
/// </summary>
public sealed class ChatChannel : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>The webhook URL, encrypted; revealed only to send and to show an admin.</summary>
    public string ProtectedUrl { get; private set; } = "";
    /// <summary>Stored because the URL is not readable in a query: lists and sentences say "Teams" without decrypting.</summary>
    public ChatPlatform Platform { get; private set; }
    /// <summary>The team whose own channel this is: a communication rule to the team over chat posts here.</summary>
    public Guid? TeamId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private ChatChannel() { }

    public ChatChannel(string name, string? description, string url, string protectedUrl, Guid? teamId, DateTimeOffset now)
    {
        CreatedAt = now;
        Update(name, description, url, protectedUrl, teamId, now);
    }

    /// <param name="url">The URL in clear, only to tell the platform; <paramref name="protectedUrl"/> is what is kept.</param>
    public void Update(string name, string? description, string url, string protectedUrl, Guid? teamId, DateTimeOffset now)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ProtectedUrl = protectedUrl;
        Platform = PlatformOf(url);
        TeamId = teamId;
        UpdatedAt = now;
    }

    public static ChatPlatform PlatformOf(string url) => ChatWebhookSender.IsTeams(url) ? ChatPlatform.Teams : ChatPlatform.Slack;
}

internal sealed class ChatChannelConfiguration : IEntityTypeConfiguration<ChatChannel>
{
    public void Configure(EntityTypeBuilder<ChatChannel> builder)
    {
        builder.ToTable("ChatChannels");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Description).HasMaxLength(1000);
        // An encrypted 2048-character URL, base64url, with the data-protection header.
        builder.Property(c => c.ProtectedUrl).HasMaxLength(4000);
        builder.Property(c => c.Platform).HasConversion<string>().HasMaxLength(16);
        // One channel per team: "the team's channel" must name one.
        builder.HasIndex(c => c.TeamId).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
