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
public sealed class CalendarFeeds(LifelineDbContext db, CurrentActor current, TimeProvider time, OnCallResolver onCall, IOptions<Notifications.Links.LinkOptions> links)
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
        List<Guid> scheduleIds;
        if (feed.ScheduleId is { } scheduleId)
        {
            scheduleIds = [scheduleId];
        }
        else
        {
            // Layers are documents: the few schedules are read whole, as the directory's references are.
            var all = await db.Schedules.AsNoTracking().ToListAsync(ct);
            var overridden = await db.ScheduleOverrides.AsNoTracking().Where(o => o.PersonId == feed.PersonId && o.To > from).Select(o => o.ScheduleId).ToListAsync(ct);
            scheduleIds = [.. all.Where(s => s.HasParticipant(feed.PersonId!.Value) || overridden.Contains(s.Id)).Select(s => s.Id)];
        }
        var calculators = await onCall.LoadAsync(scheduleIds, from, to, ct);
        var names = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var calendar = new Calendar { ProductId = "-//Lifeline//On-call schedules//EN" };
        var title = feed.ScheduleId is not null
            ? calculators.Values.FirstOrDefault()?.Schedule.Name ?? "Schedule"
            : $"On call: {names.GetValueOrDefault(feed.PersonId!.Value, "(deleted person)")}";
        calendar.AddProperty("X-WR-CALNAME", title);
        foreach (var calculator in calculators.Values.OfType<OnCallCalculator>())
        {
            foreach (var shift in calculator.Final(from.ToInstant(), to.ToInstant()))
            {
                foreach (var person in shift.People.Where(p => feed.PersonId is null || p.PersonId == feed.PersonId))
                {
                    var name = names.GetValueOrDefault(person.PersonId, "(deleted person)");
                    calendar.Events.Add(new CalendarEvent
                    {
                        Uid = $"{calculator.Schedule.Id:N}-{person.PersonId:N}-{shift.From.ToUnixTimeSeconds()}@lifeline",
                        Summary = $"On call: {name} ({calculator.Schedule.Name})",
                        Description = person.Why,
                        DtStart = new CalDateTime(shift.From.ToDateTimeUtc()),
                        DtEnd = new CalDateTime(shift.To.ToDateTimeUtc()),
                        DtStamp = new CalDateTime(now.UtcDateTime),
                    });
                }
            }
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    private async Task<string> IssueAsync(CalendarFeed feed, CancellationToken ct)
    {
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return feed.Token;
    }
}
