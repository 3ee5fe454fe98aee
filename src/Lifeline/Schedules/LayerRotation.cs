using NodaTime;
using NodaTime.TimeZones;

namespace Lifeline.Schedules;

/// <summary>One shift of a layer's rotation: the <see cref="Index"/>-th since the start, owned by a participant.</summary>
public sealed record RotationShift(long Index, Instant From, Instant To, int ParticipantIndex);

/// <summary>
/// The shifts of one layer, computed from its start in wall-clock time of the schedule's zone and mapped to instants:
/// a hand-off that falls in a daylight-saving gap happens at the end of the gap, one that happens twice at the first.
/// Pure arithmetic, no state: the shift containing any instant is found without walking from the start.
/// </summary>
public sealed class LayerRotation(ScheduleLayer layer, DateTimeZone zone)
{
    /// <summary>Skipped local times move to the end of the gap (02:30 → 03:00); repeated ones take the earlier.</summary>
    public static readonly ZoneLocalMappingResolver HandOffResolver = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly LocalDateTime _origin = LocalDate.FromDateOnly(layer.StartDate).At(LocalTime.FromTimeOnly(layer.HandOffTime));

    public ScheduleLayer Layer => layer;

    private bool DailyOnChosenDays => layer.ShiftDays is { Count: > 0 } && layer.ShiftUnit == ShiftUnit.Days;

    /// <summary>The wall-clock start of the k-th boundary (k = 0 is the start of the rotation).</summary>
    public LocalDateTime Boundary(long k) => layer.ShiftUnit switch
    {
        ShiftUnit.Hours => _origin.PlusHours(k * layer.ShiftCount),
        ShiftUnit.Days => _origin.PlusDays((int)(k * layer.ShiftCount)),
        _ => _origin.PlusWeeks((int)(k * layer.ShiftCount)),
    };

    public Instant ToInstant(LocalDateTime local) => zone.ResolveLocal(local, HandOffResolver).ToInstant();

    /// <summary>The shifts that overlap [from, to), in order; turns with nobody ("off" shifts) are left out.</summary>
    public IEnumerable<RotationShift> Shifts(Instant from, Instant to)
    {
        if (layer.Participants.Count == 0)
        {
            yield break;
        }
        if (DailyOnChosenDays)
        {
            foreach (var shift in ChosenDayShifts(from, to))
            {
                yield return shift;
            }
            yield break;
        }
        var originInstant = ToInstant(_origin);
        var approx = layer.ShiftUnit switch { ShiftUnit.Hours => 1.0, ShiftUnit.Days => 24.0, _ => 168.0 } * layer.ShiftCount;
        var k = Math.Max(0, (long)Math.Floor((from - originInstant).TotalHours / approx) - 2);
        while (k > 0 && ToInstant(Boundary(k)) > from)
        {
            k--;
        }
        for (var start = ToInstant(Boundary(k)); start < to; k++)
        {
            var end = ToInstant(Boundary(k + 1));
            if (end > from && Owner(k) is { } owner)
            {
                yield return new RotationShift(k, start, end, owner);
            }
            start = end;
        }
    }

    /// <summary>Who owns the k-th shift, or nobody on an "off" shift of an on/off pattern.</summary>
    public int? Owner(long k)
    {
        var n = layer.Participants.Count;
        if (layer.OnShifts is { } on && on > 0)
        {
            var cycle = on + (layer.OffShifts ?? 0);
            return k % cycle >= on ? null : (int)(k / cycle % n);
        }
        return (int)(k % n);
    }

    private IEnumerable<RotationShift> ChosenDayShifts(Instant from, Instant to)
    {
        var days = layer.ShiftDays!.ToHashSet();
        var start = LocalDate.FromDateOnly(layer.StartDate);
        var first = LocalDate.Max(start, from.InZone(zone).Date.PlusDays(-1));
        var last = to.InZone(zone).Date;
        var index = CountChosenDays(start, first, days);
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (!days.Contains(Weekday(date)))
            {
                continue;
            }
            var shiftStart = ToInstant(date.At(LocalTime.FromTimeOnly(layer.HandOffTime)));
            var shiftEnd = ToInstant(date.PlusDays(1).At(LocalTime.FromTimeOnly(layer.HandOffTime)));
            if (shiftEnd > from && shiftStart < to && Owner(index) is { } owner)
            {
                yield return new RotationShift(index, shiftStart, shiftEnd, owner);
            }
            index++;
        }
    }

    /// <summary>How many of the chosen weekdays lie in [start, until): whole weeks at once, then the rest.</summary>
    private static long CountChosenDays(LocalDate start, LocalDate until, HashSet<DayOfWeek> days)
    {
        var total = Period.Between(start, until, PeriodUnits.Days).Days;
        if (total <= 0)
        {
            return 0;
        }
        long count = total / 7 * days.Count;
        for (var date = start.PlusDays(total / 7 * 7); date < until; date = date.PlusDays(1))
        {
            if (days.Contains(Weekday(date)))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>NodaTime's ISO weekday (Monday 1 … Sunday 7) as .NET's (Sunday 0 … Saturday 6), which the API speaks.</summary>
    private static DayOfWeek Weekday(LocalDate date) => (DayOfWeek)((int)date.DayOfWeek % 7);

    /// <summary>The windows of [from, to) in which the layer's restrictions let it be on call; the whole span without any.</summary>
    public List<(Instant From, Instant To)> Windows(Instant from, Instant to)
    {
        if (layer.Restrictions is not { Count: > 0 } restrictions)
        {
            return [(from, to)];
        }
        var windows = new List<(Instant From, Instant To)>();
        for (var date = from.InZone(zone).Date.PlusDays(-1); date <= to.InZone(zone).Date; date = date.PlusDays(1))
        {
            foreach (var r in restrictions.Where(r => r.Days.Contains(Weekday(date))))
            {
                var start = ToInstant(date.At(LocalTime.FromTimeOnly(r.From)));
                var end = ToInstant((r.To > r.From ? date : date.PlusDays(1)).At(LocalTime.FromTimeOnly(r.To)));
                var clippedFrom = start < from ? from : start;
                var clippedTo = end > to ? to : end;
                if (clippedFrom < clippedTo)
                {
                    windows.Add((clippedFrom, clippedTo));
                }
            }
        }
        windows.Sort((a, b) => a.From.CompareTo(b.From));
        var merged = new List<(Instant From, Instant To)>();
        foreach (var w in windows)
        {
            if (merged.Count > 0 && merged[^1].To >= w.From)
            {
                merged[^1] = (merged[^1].From, w.To > merged[^1].To ? w.To : merged[^1].To);
            }
            else
            {
                merged.Add(w);
            }
        }
        return merged;
    }

    /// <summary>The first hand-off in the rotation's first two years that falls in a daylight-saving gap, if any.</summary>
    public (LocalDateTime Wanted, LocalDateTime Chosen)? FirstSkippedHandOff()
    {
        var until = LocalDate.FromDateOnly(layer.StartDate).PlusYears(2).AtMidnight();
        if (DailyOnChosenDays)
        {
            for (var date = LocalDate.FromDateOnly(layer.StartDate); date.AtMidnight() < until; date = date.PlusDays(1))
            {
                if (Skipped(date.At(LocalTime.FromTimeOnly(layer.HandOffTime))) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
        for (long k = 0; k < 20_000 && Boundary(k) < until; k++)
        {
            if (Skipped(Boundary(k)) is { } found)
            {
                return found;
            }
        }
        return null;

        (LocalDateTime, LocalDateTime)? Skipped(LocalDateTime local) =>
            zone.MapLocal(local).Count == 0 ? (local, ToInstant(local).InZone(zone).LocalDateTime) : null;
    }
}
