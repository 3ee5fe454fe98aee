using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>
/// The iCal feeds (RFC 5545, written by Ical.Net): a schedule's final shifts, or one person's shifts in every schedule,
/// from a week ago to 8 weeks ahead, computed at each request so overrides and absences show at the next refresh.
/// </summary>
public sealed class CalendarFeeds(LifelineDbContext db, CurrentActor current, TimeProvider time, OnCallResolver onCall, PersonShifts personShifts,
    IOptions<Notifications.Links.LinkOptions> links)
{
    public static readonly TimeSpan Past = TimeSpan.FromDays(7), Ahead = TimeSpan.FromDays(56);

    /// <summary>webcal:// with the public host: calendar programs subscribe to it instead of downloading once.</summary>
    public string Url(string token)
    {
        var publicUrl = new Uri(links.Value.PublicUrl);
        return $"webcal://{publicUrl.Authority}{publicUrl.AbsolutePath.TrimEnd('/')}/ical/{token}.ics";
    }

    /// <summary>The feed URL of a schedule, issuing its token the first time.</summary>
    public async Task<string> ScheduleUrlAsync(Guid scheduleId, CancellationToken ct) =>
        Url((await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.ScheduleId == scheduleId, ct))?.Token ?? await IssueAsync(CalendarFeed.ForSchedule(scheduleId, time.GetUtcNow()), ct));

    public async Task<Outcome<string>> PersonUrlAsync(Guid personId, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return Refusal.NotFound("person", personId);
        }
        return Url((await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.PersonId == personId, ct))?.Token ?? await IssueAsync(CalendarFeed.ForPerson(personId, time.GetUtcNow()), ct));
    }

    /// <summary>Revokes the feed's token and issues a new one: subscribers of the old URL get 404 from now on.</summary>
    public async Task<Outcome<string>> RevokeAsync(Actor actor, Guid? scheduleId, Guid? personId, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "revoke calendar feeds") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (scheduleId is { } s && !await db.Schedules.AnyAsync(x => x.Id == s, ct))
        {
            return Refusal.NotFound("schedule", s);
        }
        if (personId is { } p && !await db.People.AnyAsync(x => x.Id == p, ct))
        {
            return Refusal.NotFound("person", p);
        }
        db.CalendarFeeds.RemoveRange(await db.CalendarFeeds.Where(f => (scheduleId != null && f.ScheduleId == scheduleId) || (personId != null && f.PersonId == personId)).ToListAsync(ct));
        var feed = scheduleId is { } id ? CalendarFeed.ForSchedule(id, time.GetUtcNow()) : CalendarFeed.ForPerson(personId!.Value, time.GetUtcNow());
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return Url(feed.Token);
    }

    /// <summary>The calendar text for a token, or null when no feed has it (never issued, or revoked).</summary>
    public async Task<string?> RenderAsync(string token, CancellationToken ct)
    {
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Token == token, ct);
        if (feed is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var (from, to) = (now - Past, now + Ahead);
        var calendar = new Calendar { ProductId = "-//Lifeline//On-call schedules//EN" };
        if (feed.PersonId is { } personId)
        {
            var name = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "(deleted person)";
            calendar.AddProperty("X-WR-CALNAME", $"On call: {name}");
            foreach (var shift in await personShifts.ShiftsAsync(personId, from, to, ct))
            {
                calendar.Events.Add(Event(shift.ScheduleId, shift.ScheduleName, personId, name, shift.From, shift.To, shift.Why, now));
            }
            return new CalendarSerializer().SerializeToString(calendar);
        }
        var calculators = await onCall.LoadAsync([feed.ScheduleId!.Value], from, to, ct);
        var names = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        calendar.AddProperty("X-WR-CALNAME", calculators.Values.FirstOrDefault()?.Schedule.Name ?? "Schedule");
        foreach (var calculator in calculators.Values.OfType<OnCallCalculator>())
        {
            foreach (var shift in calculator.Final(from.ToInstant(), to.ToInstant()))
            {
                foreach (var person in shift.People)
                {
                    calendar.Events.Add(Event(calculator.Schedule.Id, calculator.Schedule.Name, person.PersonId, names.GetValueOrDefault(person.PersonId, "(deleted person)"),
                        shift.From.ToDateTimeOffset(), shift.To.ToDateTimeOffset(), person.Why, now));
                }
            }
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    private static CalendarEvent Event(Guid scheduleId, string scheduleName, Guid personId, string name, DateTimeOffset from, DateTimeOffset to, string why, DateTimeOffset now) => new()
    {
        Uid = $"{scheduleId:N}-{personId:N}-{from.ToUnixTimeSeconds()}@lifeline",
        Summary = $"On call: {name} ({scheduleName})",
        Description = why,
        DtStart = new CalDateTime(from.UtcDateTime),
        DtEnd = new CalDateTime(to.UtcDateTime),
        DtStamp = new CalDateTime(now.UtcDateTime),
    };

    private async Task<string> IssueAsync(CalendarFeed feed, CancellationToken ct)
    {
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return feed.Token;
    }
}
