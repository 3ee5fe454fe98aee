using Lifeline.Directory.Availability;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>Someone on call, and why: the rotation, a stand-in, the next in rotation, an override.</summary>
public sealed record OnCallPerson(Guid PersonId, string Why);

/// <summary>A stretch of a schedule's final line in which the same people are on call; none is a gap.</summary>
public sealed record ComputedShift(Instant From, Instant To, IReadOnlyList<OnCallPerson> People)
{
    public bool IsGap => People.Count == 0;
}

/// <summary>A holiday of the organisation's shift calendar as the instants it covers (a whole day in the calendar's zone).</summary>
public sealed record HolidaySpan(Instant From, Instant To, string Name)
{
    /// <summary>The calendar's holidays as spans: each date from its midnight to the next, in the calendar's zone.</summary>
    public static List<HolidaySpan> Of(Shifts.ShiftCalendar calendar)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(calendar.TimeZone) ?? DateTimeZone.Utc;
        return [.. calendar.Holidays.Select(h => LocalDate.FromDateOnly(h.Date)).Distinct().Order()
            .Select(d => new HolidaySpan(d.AtStartOfDayInZone(zone).ToInstant(), d.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(),
                calendar.Holidays.First(h => h.Date == d.ToDateOnly()).Name))];
    }
}

/// <summary>A stretch of one layer's rotation (after its restrictions, before absences and overrides).</summary>
public sealed record LayerPiece(Instant From, Instant To, Guid PersonId);

/// <summary>
/// Computes a schedule's final line for a period from its layers, overrides and the participants' absences, all
/// given to it: no database, no clock, so paging, the API, iCal and the console get the same answer and tests can
/// check it directly. Later layers win where they have someone; within a layer an absent participant's time goes
/// to the stand-in, the next in rotation or the layer below (<see cref="AbsenceCoverage"/>); overrides apply last.
/// </summary>
public sealed class OnCallCalculator
{
    /// <summary>
    /// How far back fairness looks for shifts still owed. Debts are settled from the shifts themselves every time, so
    /// the answer does not depend on when it is asked; a debt older than this is forgiven.
    /// </summary>
    public static readonly Duration FairnessLookback = Duration.FromDays(91);

    private readonly Schedule _schedule;
    private readonly IReadOnlyList<ScheduleOverride> _overrides;
    private readonly Dictionary<Guid, List<Absence>> _absences;
    private readonly IReadOnlyDictionary<Guid, string> _names;
    private readonly List<LayerRotation> _rotations;
    private readonly IReadOnlyList<HolidaySpan> _holidays;

    /// <param name="holidays">The shift calendar's holidays, which <see cref="ScheduleLayer.HolidaysOnly"/> layers cover (none: they have nobody).</param>
    public OnCallCalculator(Schedule schedule, IReadOnlyList<ScheduleOverride> overrides, IEnumerable<Absence> absences, IReadOnlyDictionary<Guid, string> names,
        IReadOnlyList<HolidaySpan>? holidays = null)
    {
        _holidays = holidays ?? [];
        _schedule = schedule;
        _overrides = [.. overrides.OrderBy(o => o.From)];
        _absences = absences.GroupBy(a => a.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        _names = names;
        var zone = DateTimeZoneProviders.Tzdb[schedule.TimeZone];
        _rotations = [.. schedule.Layers.Select(l => new LayerRotation(l, zone))];
    }

    /// <summary>The earliest instant whose absences matter for [from, ...): fairness looks back.</summary>
    public static DateTimeOffset AbsencesFrom(Schedule schedule, DateTimeOffset from) =>
        schedule.Layers.Any(l => l.Fairness) ? from - FairnessLookback.ToTimeSpan() : from;

    /// <summary>One layer's rotation for [from, to): who the rotation names, inside its restrictions.</summary>
    public List<LayerPiece> LayerLine(int layer, Instant from, Instant to) =>
        [.. Pieces(layer, from, to).Select(p => new LayerPiece(p.From, p.To, _rotations[layer].Layer.Participants[p.Shift.ParticipantIndex]))];

    /// <summary>The final line for [from, to): consecutive stretches, each with who is on call and why; empty people is a gap.</summary>
    public List<ComputedShift> Final(Instant from, Instant to)
    {
        var pieces = Enumerable.Range(0, _rotations.Count).Select(l => Pieces(l, from, to)).ToList();
        var owners = Enumerable.Range(0, _rotations.Count).Select(l => _rotations[l].Layer.Fairness ? FairOwners(l, from, to) : null).ToList();
        var cuts = new SortedSet<Instant> { from, to };
        foreach (var p in pieces.SelectMany(p => p))
        {
            cuts.Add(p.From);
            cuts.Add(p.To);
        }
        foreach (var o in _overrides)
        {
            cuts.Add(o.From.ToInstant());
            cuts.Add(o.To.ToInstant());
        }
        foreach (var a in _absences.Values.SelectMany(a => a))
        {
            cuts.Add(a.From.ToInstant());
            cuts.Add(a.To.ToInstant());
        }
        var edges = cuts.Where(c => c >= from && c <= to).ToList();
        var result = new List<ComputedShift>();
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var (start, end) = (edges[i], edges[i + 1]);
            var people = ApplyOverrides(start, OnCallInLayers(start, pieces, owners));
            if (result.Count > 0 && result[^1].To == start && result[^1].People.SequenceEqual(people))
            {
                result[^1] = result[^1] with { To = end };
            }
            else
            {
                result.Add(new ComputedShift(start, end, people));
            }
        }
        return result;
    }

    private List<OnCallPerson> OnCallInLayers(Instant at, List<List<(Instant From, Instant To, RotationShift Shift)>> pieces, List<Dictionary<long, (int Owner, string Why)>?> owners)
    {
        for (var l = _rotations.Count - 1; l >= 0; l--)
        {
            var layer = _rotations[l].Layer;
            var piece = pieces[l].FirstOrDefault(p => p.From <= at && at < p.To);
            if (piece.Shift is null)
            {
                continue;
            }
            var (ownerIndex, why) = owners[l] is { } fair && fair.TryGetValue(piece.Shift.Index, out var paid)
                ? paid
                : (piece.Shift.ParticipantIndex, layer.HolidaysOnly ? $"holiday cover ({layer.Name}): {HolidayAt(at)}" : $"rotation ({layer.Name})");
            var owner = layer.Participants[ownerIndex];
            if (AbsenceAt(owner, at) is not { } absence)
            {
                return [new OnCallPerson(owner, why)];
            }
            switch (layer.Coverage)
            {
                case AbsenceCoverage.StandIn when absence.StandInId is { } standIn && AbsenceAt(standIn, at) is null:
                    return [new OnCallPerson(standIn, $"stand-in for {Name(owner)} ({layer.Name})")];
                case AbsenceCoverage.NextInRotation:
                    for (var j = 1; j < layer.Participants.Count; j++)
                    {
                        var next = layer.Participants[(ownerIndex + j) % layer.Participants.Count];
                        if (AbsenceAt(next, at) is null)
                        {
                            return [new OnCallPerson(next, $"next in rotation for {Name(owner)} ({layer.Name})")];
                        }
                    }
                    break;
            }
        }
        return [];
    }

    private List<OnCallPerson> ApplyOverrides(Instant at, List<OnCallPerson> people)
    {
        foreach (var o in _overrides.Where(o => o.From.ToInstant() <= at && at < o.To.ToInstant()))
        {
            var why = o.Reason is null ? "" : $": {o.Reason}";
            switch (o.Kind)
            {
                case OverrideKind.Replace when o.ReplacesId is null:
                    people = [new OnCallPerson(o.PersonId, $"override, instead of {(people.Count == 0 ? "nobody" : string.Join(", ", people.Select(p => Name(p.PersonId))))}{why}")];
                    break;
                case OverrideKind.Replace when people.FindIndex(p => p.PersonId == o.ReplacesId) is var index and >= 0:
                    people[index] = new OnCallPerson(o.PersonId, $"override, instead of {Name(o.ReplacesId!.Value)}{why}");
                    people = [.. people.DistinctBy(p => p.PersonId)];
                    break;
                case OverrideKind.Add when !people.Exists(p => p.PersonId == o.PersonId):
                    people.Add(new OnCallPerson(o.PersonId, $"override, added{why}"));
                    break;
                case OverrideKind.Remove:
                    people.RemoveAll(p => p.PersonId == o.PersonId);
                    break;
            }
        }
        return people;
    }

    /// <summary>The layer's shifts cut to its restriction windows (and to the holidays, for a holiday coverage layer).</summary>
    private List<(Instant From, Instant To, RotationShift Shift)> Pieces(int layer, Instant from, Instant to)
    {
        var rotation = _rotations[layer];
        var windows = rotation.Windows(from, to);
        if (rotation.Layer.HolidaysOnly)
        {
            windows = [.. windows.SelectMany(w => _holidays.Where(h => h.From < w.To && w.From < h.To).Select(h => (Max(w.From, h.From), Min(w.To, h.To))))];
        }
        var pieces = new List<(Instant, Instant, RotationShift)>();
        foreach (var shift in rotation.Shifts(from, to))
        {
            foreach (var (wFrom, wTo) in windows)
            {
                var start = Max(Max(shift.From, wFrom), from);
                var end = Min(Min(shift.To, wTo), to);
                if (start < end)
                {
                    pieces.Add((start, end, shift));
                }
            }
        }
        return pieces;
    }

    /// <summary>
    /// Fairness: a participant skipped for an absence owes the colleague who covered a shift, and takes that
    /// colleague's next shift for which they are not away. Settled by walking the shifts from the lookback on.
    /// </summary>
    private Dictionary<long, (int Owner, string Why)> FairOwners(int layerIndex, Instant from, Instant to)
    {
        var rotation = _rotations[layerIndex];
        var layer = rotation.Layer;
        var n = layer.Participants.Count;
        var owners = new Dictionary<long, (int, string)>();
        var debts = new List<(int Debtor, int Creditor)>();
        foreach (var shift in rotation.Shifts(from - FairnessLookback, to))
        {
            var owner = shift.ParticipantIndex;
            var debt = debts.FindIndex(d => d.Creditor == owner && !AwayDuring(layer.Participants[d.Debtor], shift.From, shift.To));
            if (debt >= 0)
            {
                owner = debts[debt].Debtor;
                owners[shift.Index] = (owner, $"rotation ({layer.Name}), a shift owed to {Name(layer.Participants[debts[debt].Creditor])}");
                debts.RemoveAt(debt);
            }
            if (AwayDuring(layer.Participants[owner], shift.From, shift.To))
            {
                for (var j = 1; j < n; j++)
                {
                    var next = (owner + j) % n;
                    if (AbsenceAt(layer.Participants[next], shift.From) is null)
                    {
                        debts.Add((owner, next));
                        break;
                    }
                }
            }
        }
        return owners;
    }

    private Absence? AbsenceAt(Guid personId, Instant at) =>
        _absences.TryGetValue(personId, out var list) ? list.Find(a => a.Covers(at.ToDateTimeOffset())) : null;

    private bool AwayDuring(Guid personId, Instant from, Instant to) =>
        _absences.TryGetValue(personId, out var list) && list.Exists(a => a.From.ToInstant() < to && from < a.To.ToInstant());

    private string HolidayAt(Instant at) => _holidays.FirstOrDefault(h => h.From <= at && at < h.To)?.Name ?? "holiday";

    private string Name(Guid personId) => _names.GetValueOrDefault(personId, "(deleted person)");

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    public Schedule Schedule => _schedule;
}
