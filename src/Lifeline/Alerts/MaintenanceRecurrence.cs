using Cronos;
using NodaTime;

namespace Lifeline.Alerts;

/// <summary>
/// The occurrences of a recurring maintenance. Cronos walks the cron schedule over wall-clock times (fed local times as
/// if they were UTC, so no daylight-saving rule of its own applies); NodaTime then places each wall-clock start and end in
/// the zone, leniently: a start or end that does not exist (the clocks jump forward over it) moves forward by the gap,
/// and one that exists twice (the clocks go back) is the earlier. So "Sunday 02:00–04:00 Europe/Berlin" is 02:00–04:00 on
/// the wall every week: one hour long on the night the clocks go forward (03:00–04:00), three on the night they go back.
/// </summary>
public sealed class MaintenanceRecurrence
{
    /// <summary>A window lasts at most a week.</summary>
    public const int MaxDurationMinutes = 7 * 24 * 60;

    // Enough to find the first occurrence of a schedule that comes once a year, and to stop on one that never comes (30 February).
    private const int MaxSteps = 2000;

    private readonly CronExpression _cron;
    private readonly DateTimeZone _zone;
    private readonly Period _length;

    private MaintenanceRecurrence(CronExpression cron, DateTimeZone zone, int durationMinutes)
    {
        _cron = cron;
        _zone = zone;
        _length = Period.FromMinutes(durationMinutes);
    }

    public static MaintenanceRecurrence For(RecurringMaintenance series) =>
        new(CronExpression.Parse(series.Schedule), DateTimeZoneProviders.Tzdb[series.TimeZone], series.DurationMinutes);

    /// <summary>Checks a schedule, a zone and a duration, naming the field at fault; the recurrence when all three hold.</summary>
    public static MaintenanceRecurrence? TryCreate(string? schedule, string? timeZone, int? durationMinutes, DateTimeOffset from, Api.Validator v)
    {
        CronExpression? cron = null;
        if (string.IsNullOrWhiteSpace(schedule))
        {
            v.Add("schedule", "schedule is required: a cron expression of five fields, e.g. \"0 2 * * SUN\" for Sundays at 02:00.");
        }
        else if (schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5 || !CronExpression.TryParse(schedule.Trim(), out cron))
        {
            v.Add("schedule", "schedule is not a cron expression of five fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * SUN\".");
        }
        var zone = string.IsNullOrWhiteSpace(timeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone.Trim());
        if (zone is null)
        {
            v.Add("timeZone", "timeZone is required: an IANA time zone such as Europe/Berlin or America/New_York.");
        }
        if (durationMinutes is not (>= 1 and <= MaxDurationMinutes))
        {
            v.Add("durationMinutes", $"durationMinutes is between 1 and {MaxDurationMinutes} (a week).");
        }
        if (cron is null || zone is null || durationMinutes is not (>= 1 and <= MaxDurationMinutes))
        {
            return null;
        }
        var recurrence = new MaintenanceRecurrence(cron, zone, durationMinutes.Value);
        // The first occurrences say whether the schedule comes at all, and whether one occurrence would run into the next.
        var previous = recurrence.FirstEndingAfter(from);
        if (previous is null)
        {
            v.Add("schedule", "schedule never comes.");
            return null;
        }
        for (var i = 0; i < 20 && recurrence.NextAfter(previous.Value.StartsAt) is { } next; i++, previous = next)
        {
            if (next.StartsAt < previous.Value.EndsAt)
            {
                v.Add("durationMinutes", "durationMinutes is longer than the time between two occurrences of the schedule: they would overlap.");
                return null;
            }
        }
        return recurrence;
    }

    /// <summary>The first occurrence still going on, or to come, at <paramref name="at"/>.</summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt)? FirstEndingAfter(DateTimeOffset at)
    {
        // Start far enough back to find an occurrence that began before `at` and has not ended yet.
        var wall = Instant.FromDateTimeOffset(at).InZone(_zone).LocalDateTime.Minus(_length).PlusDays(-1);
        for (var i = 0; i < MaxSteps && NextWall(wall, inclusive: i == 0) is { } start; i++, wall = start)
        {
            var occurrence = Place(start);
            if (occurrence.EndsAt > at)
            {
                return occurrence;
            }
        }
        return null;
    }

    /// <summary>The occurrence after the one that started at <paramref name="startedAt"/>.</summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt)? NextAfter(DateTimeOffset startedAt)
    {
        var wall = Instant.FromDateTimeOffset(startedAt).InZone(_zone).LocalDateTime;
        for (var i = 0; i < MaxSteps && NextWall(wall, inclusive: false) is { } start; i++, wall = start)
        {
            var occurrence = Place(start);
            // A start moved forward over a gap can land on or before the previous one's instant: not a new occurrence.
            if (occurrence.StartsAt > startedAt)
            {
                return occurrence;
            }
        }
        return null;
    }

    private LocalDateTime? NextWall(LocalDateTime after, bool inclusive) =>
        _cron.GetNextOccurrence(DateTime.SpecifyKind(after.ToDateTimeUnspecified(), DateTimeKind.Utc), inclusive) is { } next
            ? LocalDateTime.FromDateTime(next) : null;

    private (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Place(LocalDateTime start) =>
        (_zone.AtLeniently(start).ToDateTimeOffset().ToUniversalTime(), _zone.AtLeniently(start.Plus(_length)).ToDateTimeOffset().ToUniversalTime());
}
