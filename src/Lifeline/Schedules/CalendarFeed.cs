using System.Security.Cryptography;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Schedules;

/// <summary>
/// The secret of an iCal feed, of one schedule or of one person's shifts: calendar programs subscribe without signing
/// in, so the token in the URL is the credential. It is kept readable, not hashed, because the schedule's view shows
/// the URL again; what it gives away is names and on-call times, which any signed-in viewer reads anyway, never a
/// contact value. Revoking deletes it and issues a new one, so the old URL stops working at once.
/// </summary>
public sealed class CalendarFeed : IAudited
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    public Guid? ScheduleId { get; private set; }
    public Guid? PersonId { get; private set; }
    public string Token { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private CalendarFeed() { }

    public static CalendarFeed ForSchedule(Guid scheduleId, DateTimeOffset now) => new() { ScheduleId = scheduleId, Token = NewToken(), CreatedAt = now };

    public static CalendarFeed ForPerson(Guid personId, DateTimeOffset now) => new() { PersonId = personId, Token = NewToken(), CreatedAt = now };

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.Property(f => f.Token).HasMaxLength(64);
        builder.HasIndex(f => f.Token).IsUnique();
        builder.HasIndex(f => f.ScheduleId).IsUnique();
        builder.HasIndex(f => f.PersonId).IsUnique();
        builder.HasOne<Schedule>().WithMany().HasForeignKey(f => f.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
