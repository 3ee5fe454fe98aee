using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>
/// Loads what computing schedules needs (the schedule, its overrides, its people's absences and names) in a few
/// queries for many schedules at once, and keeps it for the unit of work: an engine pass pages for many incidents
/// at nearly the same instant, so one load answers them all.
/// </summary>
public sealed class OnCallResolver(LifelineDbContext db)
{
    /// <summary>How much around the asked instant one load covers: an engine pass's incidents fall well inside it.</summary>
    private static readonly TimeSpan Before = TimeSpan.FromMinutes(10), After = TimeSpan.FromHours(1);

    private readonly Dictionary<Guid, (DateTimeOffset From, DateTimeOffset To, OnCallCalculator? Calculator)> _loaded = [];

    /// <summary>Who is on call in each schedule at <paramref name="at"/>; a schedule that does not exist is missing from the answer.</summary>
    public async Task<Dictionary<Guid, (Schedule Schedule, List<OnCallPerson> People)>> AtAsync(IReadOnlyCollection<Guid> scheduleIds, DateTimeOffset at, CancellationToken ct)
    {
        var missing = scheduleIds.Distinct().Where(id => !_loaded.TryGetValue(id, out var l) || at < l.From || at >= l.To).ToList();
        if (missing.Count > 0)
        {
            foreach (var (id, calculator) in await LoadAsync(missing, at - Before, at + After, ct))
            {
                _loaded[id] = (at - Before, at + After, calculator);
            }
        }
        var answer = new Dictionary<Guid, (Schedule, List<OnCallPerson>)>();
        var instant = at.ToInstant();
        foreach (var id in scheduleIds.Distinct())
        {
            if (_loaded[id].Calculator is { } calculator)
            {
                var shift = calculator.Final(instant, instant + Duration.FromTicks(1)).FirstOrDefault();
                answer[id] = (calculator.Schedule, shift is null ? [] : [.. shift.People]);
            }
        }
        return answer;
    }

    /// <summary>Calculators for the schedules, able to compute any instant in [from, to); null for a schedule that does not exist.</summary>
    public async Task<Dictionary<Guid, OnCallCalculator?>> LoadAsync(IReadOnlyCollection<Guid> scheduleIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var schedules = await db.Schedules.AsNoTracking().Where(s => scheduleIds.Contains(s.Id)).ToListAsync(ct);
        var overrides = await db.ScheduleOverrides.AsNoTracking()
            .Where(o => scheduleIds.Contains(o.ScheduleId) && o.From < to && o.To > from).ToListAsync(ct);
        var participants = schedules.SelectMany(s => s.Layers).SelectMany(l => l.Participants).Distinct().ToList();
        var absencesFrom = schedules.Count == 0 ? from : schedules.Min(s => OnCallCalculator.AbsencesFrom(s, from));
        List<Directory.Availability.Absence> absences = participants.Count == 0 ? []
            : await db.Absences.AsNoTracking().Where(a => participants.Contains(a.PersonId) && a.From < to && a.To > absencesFrom).ToListAsync(ct);
        var standIns = absences.Where(a => a.StandInId != null && !participants.Contains(a.StandInId.Value)).Select(a => a.StandInId!.Value).Distinct().ToList();
        if (standIns.Count > 0)
        {
            // A stand-in who is away too does not stand in: their absences count as well.
            absences.AddRange(await db.Absences.AsNoTracking().Where(a => standIns.Contains(a.PersonId) && a.From < to && a.To > absencesFrom).ToListAsync(ct));
        }
        var named = participants.Concat(overrides.Select(o => o.PersonId)).Concat(overrides.Where(o => o.ReplacesId != null).Select(o => o.ReplacesId!.Value))
            .Concat(absences.Where(a => a.StandInId != null).Select(a => a.StandInId!.Value)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => named.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        // The shift calendar is read only when a schedule has a holiday coverage layer: most do not, and paging reads here.
        List<HolidaySpan> holidays = schedules.Exists(s => s.Layers.Any(l => l.HolidaysOnly))
            ? HolidaySpan.Of(await Shifts.ShiftCalendars.CurrentAsync(db, ct))
            : [];
        return scheduleIds.Distinct().ToDictionary(id => id, id => schedules.Find(s => s.Id == id) is { } schedule
            ? new OnCallCalculator(schedule, [.. overrides.Where(o => o.ScheduleId == id)], absences, names, holidays)
            : null);
    }
}
