using System.Globalization;
using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Engine;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>
/// Shift notifications as engine work, the database being the only memory: a daily watch per schedule writes one job per
/// notice due in the coming day (fenced, so watches that overlap or run again add nothing twice), and each notice checks
/// the schedule again when it is due, so an override made in between is respected.
/// Notices: "you are on call from …" <see cref="ShiftNoticeOptions.NoticeAhead"/> before a shift; "you are on call now"
/// at the hand-off; and to every admin linked to a person, "nobody is on call from …" before a gap.
/// </summary>
public sealed class ShiftNotices(LifelineDbContext db, TimeProvider time, OnCallResolver onCall, IOptions<ShiftNoticeOptions> options)
    : IEngineJobHandler
{
    public const string Template = TemplateKeys.ShiftNotice;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Starts (or restarts, after a change) a schedule's watch now; the daily watch chain then keeps itself going.</summary>
    /// <remarks>A watch still waiting to run reads the schedule as it is when it runs, so a second change before then adds none.</remarks>
    public static async Task WatchAsync(LifelineDbContext db, Guid scheduleId, DateTimeOffset now, CancellationToken ct)
    {
        if (!db.EngineJobs.Local.Any(j => j.Kind == ScheduleJobKinds.Watch && j.IncidentId == scheduleId && j.DoneAt == null && j.DueAt <= now)
            && !await db.EngineJobs.AnyAsync(j => j.Kind == ScheduleJobKinds.Watch && j.IncidentId == scheduleId && j.DoneAt == null && j.DueAt <= now, ct))
        {
            db.EngineJobs.Add(new EngineJob($"schedule:{scheduleId:N}:watch:{SequentialGuid.NewGuid():N}", ScheduleJobKinds.Watch, scheduleId, null, 0, 0, now, now));
        }
    }

    public async Task<string> RunAsync(EngineJob job, CancellationToken ct) =>
        job.Kind == ScheduleJobKinds.Watch ? await WatchAsync(job, ct) : await NoticeAsync(job, ct);

    private async Task<string> WatchAsync(EngineJob job, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var scheduleId = job.IncidentId;
        var ahead = options.Value.NoticeAhead;
        var (from, to) = (now, now + Day + ahead);
        var calculators = await onCall.LoadAsync([scheduleId], from, to, ct);
        if (calculators[scheduleId] is not { } calculator)
        {
            return "schedule removed";
        }
        var shifts = calculator.Final(from.ToInstant(), to.ToInstant());
        var wanted = new List<EngineJob>();
        for (var i = 0; i < shifts.Count; i++)
        {
            var start = shifts[i].From.ToDateTimeOffset();
            if (start <= now)
            {
                continue;
            }
            if (shifts[i].IsGap)
            {
                wanted.Add(Notice($"gap:{scheduleId:N}:{start.UtcTicks}", start - ahead));
                continue;
            }
            foreach (var person in shifts[i].People.Where(p => i == 0 || !shifts[i - 1].People.Any(q => q.PersonId == p.PersonId)))
            {
                wanted.Add(Notice($"shift:{scheduleId:N}:{person.PersonId:N}:{start.UtcTicks}:ahead", start - ahead));
                wanted.Add(Notice($"shift:{scheduleId:N}:{person.PersonId:N}:{start.UtcTicks}:handoff", start));
            }
        }
        var next = new EngineJob($"schedule:{scheduleId:N}:watch:{(now + Day).UtcDateTime:yyyyMMdd}", ScheduleJobKinds.Watch, scheduleId, null, 0, 0, now + Day, now);
        wanted.Add(next);
        var keys = wanted.Select(j => j.FenceKey).ToList();
        var existing = (await db.EngineJobs.Where(j => keys.Contains(j.FenceKey)).Select(j => j.FenceKey).ToListAsync(ct)).ToHashSet();
        var added = wanted.Where(j => existing.Add(j.FenceKey)).ToList();
        db.EngineJobs.AddRange(added);
        return $"{added.Count} notice(s) and watches scheduled";

        EngineJob Notice(string key, DateTimeOffset due) => new(key, ScheduleJobKinds.Notice, scheduleId, null, 0, 0, due < now ? now : due, now);
    }

    private async Task<string> NoticeAsync(EngineJob job, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var parts = job.FenceKey.Split(':');
        var scheduleId = job.IncidentId;
        var at = new DateTimeOffset(long.Parse(parts[^(parts[0] == "gap" ? 1 : 2)], CultureInfo.InvariantCulture), TimeSpan.Zero);
        var onCallThen = await onCall.AtAsync([scheduleId], at, ct);
        if (!onCallThen.TryGetValue(scheduleId, out var then))
        {
            return "schedule removed";
        }
        var zone = DateTimeZoneProviders.Tzdb[then.Schedule.TimeZone];
        var when = at.ToInstant().InZone(zone).ToString("dddd d MMMM HH:mm", CultureInfo.InvariantCulture) + $" ({then.Schedule.TimeZone})";
        if (parts[0] == "gap")
        {
            if (then.People.Count > 0)
            {
                return "no longer a gap";
            }
            var admins = await (from account in db.Users
                                join grant in db.UserRoles on account.Id equals grant.UserId
                                join role in db.Roles on grant.RoleId equals role.Id
                                where role.Name == LifelineRoles.Admin && account.PersonId != null
                                select account.PersonId!.Value).Distinct().ToListAsync(ct);
            var sent = 0;
            foreach (var admin in admins)
            {
                sent += await NotifyAsync(job.FenceKey, admin, $"Nobody is on call in {then.Schedule.Name} from {when}. Add an override to cover it.", now, ct);
            }
            return $"gap alert to {sent} admin(s)";
        }
        var personId = Guid.ParseExact(parts[2], "N");
        if (!then.People.Exists(p => p.PersonId == personId))
        {
            return "no longer on call then";
        }
        var text = parts[^1] == "ahead"
            ? $"You are on call in {then.Schedule.Name} from {when}."
            : $"You are on call in {then.Schedule.Name} now, from {when}.";
        return await NotifyAsync(job.FenceKey, personId, text, now, ct) > 0 ? "notified" : "no way to reach the person";
    }

    /// <summary>One message by the person's first SMS-capable method, else their first e-mail address.</summary>
    private async Task<int> NotifyAsync(string key, Guid personId, string text, DateTimeOffset now, CancellationToken ct)
    {
        var methods = await db.ContactMethods.AsNoTracking().Where(m => m.PersonId == personId).OrderBy(m => m.Priority).ToListAsync(ct);
        var (method, channel) = methods.Find(m => m.CanSms) is { } sms ? (sms, NotificationChannel.Sms)
            : methods.Find(m => m.Kind == ContactMethodKind.Email) is { } mail ? (mail, NotificationChannel.Email) : (null, NotificationChannel.Sms);
        if (method is null)
        {
            return 0;
        }
        db.Notifications.Add(Notification.ToPerson($"{key}:{personId:N}", personId, method.Id, channel, Template, now, instruction: text));
        return 1;
    }
}
