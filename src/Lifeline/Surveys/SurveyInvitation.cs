using Lifeline.Storage;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Surveys;

/// <summary>
/// The customer satisfaction survey sent when an incident closes: a link that works once, until it
/// expires. Only the token's hash is stored, so a copy of the database cannot answer surveys.
/// </summary>
public sealed class SurveyInvitation
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid IncidentId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public int? Rating { get; private set; }
    public string? Comment { get; private set; }

    private SurveyInvitation() { }

    private SurveyInvitation(Guid incidentId, string tokenHash, DateTimeOffset sentAt, DateTimeOffset expiresAt)
    {
        IncidentId = incidentId;
        TokenHash = tokenHash;
        SentAt = sentAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>A new invitation and its token; the token exists only in the link given to the customer.</summary>
    public static (SurveyInvitation Invitation, string Token) Create(Guid incidentId, DateTimeOffset now, TimeSpan validFor)
    {
        var token = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        return (new SurveyInvitation(incidentId, Hash(token), now, now + validFor), token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public void Answer(int rating, string? comment, DateTimeOffset at)
    {
        if (AnsweredAt is not null)
        {
            throw new InvalidOperationException("The survey has already been answered.");
        }
        Rating = rating;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredAt = at;
    }

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("SurveyInvitations");
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Property(s => s.Comment).HasMaxLength(4000);
        // Two answers sent at once: the second finds AnsweredAt no longer null and fails instead of overwriting.
        builder.Property(s => s.AnsweredAt).IsConcurrencyToken();
        builder.HasIndex(s => s.IncidentId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
