using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>One stretch of a person's time on call in one schedule, and why they are on call then.</summary>
public sealed record PersonShiftView(Guid ScheduleId, string ScheduleName, DateTimeOffset From, DateTimeOffset To, string Why);

/// <summary>A person's on-call shifts in every schedule they take part in (or are put in by an override), soonest first.</summary>
public sealed record PersonShiftsView(Guid PersonId, string Name, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PersonShiftView> Shifts);

/// <summary>
/// One person's shifts across the schedules: what "my on-call shifts" and the person's iCal feed show. Computed from the
/// same final shifts as the schedule pages (rotation, overrides, absences), so a swap or an absence shows at once.
/// </summary>
public sealed class PersonShifts(LifelineDbContext db, TimeProvider time, OnCallResolver onCall)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(28), LongestPeriod = TimeSpan.FromDays(92);

    /// <summary>The person's shifts in a period (default: from now, 4 weeks): the person themself or an administrator.</summary>
    public async Task<Outcome<PersonShiftsView>> ForAsync(Actor actor, Guid personId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        if (actor.PersonId != personId && actor.Lacks(LifelineRoles.Administrators, "see another person's on-call shifts") is { } refused)
        {
            return refused;
        }
        var start = from ?? time.GetUtcNow();
        var end = to ?? start + DefaultPeriod;
        if (end <= start)
        {
            return Refusal.Invalid("to", "to is after from.");
        }
        if (end - start > LongestPeriod)
        {
            return Refusal.Invalid("to", $"A period is at most {LongestPeriod.TotalDays:0} days.");
        }
        var name = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return Refusal.NotFound("person", personId);
        }
        return new PersonShiftsView(personId, name, start, end, await ShiftsAsync(personId, start, end, ct));
    }

    /// <summary>The shifts themselves, without an access check: the person's iCal feed, whose token is the credential.</summary>
    internal async Task<List<PersonShiftView>> ShiftsAsync(Guid personId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Layers are documents: the few schedules are read whole, as the directory's references are.
        var all = await db.Schedules.AsNoTracking().ToListAsync(ct);
        var overridden = await db.ScheduleOverrides.AsNoTracking().Where(o => o.PersonId == personId && o.To > from).Select(o => o.ScheduleId).ToListAsync(ct);
        var scheduleIds = all.Where(s => s.HasParticipant(personId) || overridden.Contains(s.Id)).Select(s => s.Id).ToList();
        var shifts = new List<PersonShiftView>();
        foreach (var calculator in (await onCall.LoadAsync(scheduleIds, from, to, ct)).Values.OfType<OnCallCalculator>())
        {
            foreach (var shift in calculator.Final(from.ToInstant(), to.ToInstant()))
            {
                shifts.AddRange(shift.People.Where(p => p.PersonId == personId)
                    .Select(p => new PersonShiftView(calculator.Schedule.Id, calculator.Schedule.Name, shift.From.ToDateTimeOffset(), shift.To.ToDateTimeOffset(), p.Why)));
            }
        }
        return [.. shifts.OrderBy(s => s.From).ThenBy(s => s.ScheduleName, StringComparer.Ordinal)];
    }
}
