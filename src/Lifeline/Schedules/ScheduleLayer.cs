namespace Lifeline.Schedules;

public enum ShiftUnit
{
    Hours,
    Days,
    Weeks,
}

/// <summary>What happens to a participant's shift while they are absent (a recorded absence in the directory).</summary>
public enum AbsenceCoverage
{
    /// <summary>The absence's stand-in takes it; without one (or if the stand-in is away too), the layer below.</summary>
    StandIn,
    /// <summary>The next participant in the rotation who is not away.</summary>
    NextInRotation,
    /// <summary>This layer has nobody then; the layer below decides.</summary>
    LayerBelow,
}

/// <summary>A window of the week in which a layer is on call, in the schedule's zone. <c>To</c> at or before <c>From</c> runs past midnight.</summary>
public sealed record ScheduleRestriction(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To);

/// <summary>
/// One layer of a schedule: a rotation of participants, in order, taking shifts of <see cref="ShiftCount"/> ×
/// <see cref="ShiftUnit"/> from <see cref="StartDate"/> at <see cref="HandOffTime"/>, wall-clock time in the
/// schedule's zone (so a weekly hand-off stays at 08:00 local across daylight-saving changes and a 12-hour
/// day/night pattern stays 08:00–20:00 / 20:00–08:00). Optional: <see cref="OnShifts"/>/<see cref="OffShifts"/>
/// ("2 weeks on, 2 off": each turn is followed by shifts where this layer has nobody), <see cref="ShiftDays"/>
/// (daily shifts only on those days, and only they count for the turn: "weekdays only" does not skip people),
/// <see cref="Restrictions"/> (the layer is on call only inside these windows), <see cref="HolidaysOnly"/> (a holiday
/// coverage layer: on call only on the holidays of the organisation's shift calendar, whole days in the calendar's zone;
/// placed above the regular layers, it takes the holidays over from them).
/// Stored whole with the schedule, as a document: it is always read and written together.
/// </summary>
public sealed record ScheduleLayer(
    string Name,
    IReadOnlyList<Guid> Participants,
    int ShiftCount,
    ShiftUnit ShiftUnit,
    DateOnly StartDate,
    TimeOnly HandOffTime,
    int? OnShifts = null,
    int? OffShifts = null,
    IReadOnlyList<DayOfWeek>? ShiftDays = null,
    IReadOnlyList<ScheduleRestriction>? Restrictions = null,
    AbsenceCoverage Coverage = AbsenceCoverage.NextInRotation,
    bool Fairness = false,
    bool HolidaysOnly = false);
