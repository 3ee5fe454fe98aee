using System.Diagnostics.CodeAnalysis;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Schedules;

/// <summary>
/// On-call schedules and their overrides, for the API and the console alike, and what they compute: who is on call
/// at an instant, the final shifts of a period, gaps. Changes are for admins, take their actor and are audited under
/// the actor's name (<see cref="CurrentActor.Use"/>); a change that leaves nobody on call in the next 4 weeks says so.
/// </summary>
public sealed class ScheduleCatalogue(LifelineDbContext db, CurrentActor current, TimeProvider time, OnCallResolver onCall, CalendarFeeds feeds)
{
    public static readonly TimeSpan GapHorizon = TimeSpan.FromDays(28);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(100);

    [SuppressMessage("Globalization", "CA1304", Justification = "EF Core translates string.ToLower() to SQL lower() (see GlobalSuppressions.cs).")]
    [SuppressMessage("Globalization", "CA1311", Justification = "EF Core translates string.ToLower() to SQL lower() (see GlobalSuppressions.cs).")]
    [SuppressMessage("Performance", "CA1862", Justification = "EF Core translates string.ToLower() to SQL lower() (see GlobalSuppressions.cs).")]
    public async Task<Outcome<Page<ScheduleSummary>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var schedules = db.Schedules.AsNoTracking();
        if (query.Search is { } q)
        {
            schedules = schedules.Where(s => s.Name.ToLower().Contains(q));
        }
        return await Page<ScheduleSummary>.ReadAsync(schedules.OrderBy(s => s.Name), query,
            page => Task.FromResult(page.Select(s => new ScheduleSummary(s.Id, s.Name, s.Description, s.TimeZone, s.Layers.Count)).ToList()), ct);
    }

    public async Task<Outcome<ScheduleView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } schedule
            ? await ViewAsync(schedule, [], ct)
            : Refusal.NotFound("schedule", id);

    public async Task<Outcome<ScheduleView>> CreateAsync(Actor actor, ScheduleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change schedules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Schedules.AnyAsync(s => s.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A schedule named '{request.Name.Trim()}' already exists.");
        }
        var schedule = new Schedule(request.Name, request.Description, request.TimeZone!, request.Layers!, time.GetUtcNow());
        db.Schedules.Add(schedule);
        db.CalendarFeeds.Add(CalendarFeed.ForSchedule(schedule.Id, time.GetUtcNow()));
        await ShiftNotices.WatchAsync(db, schedule.Id, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(schedule, ShiftedHandOffWarnings(schedule), ct);
    }

    public async Task<Outcome<ScheduleView>> UpdateAsync(Actor actor, Guid id, ScheduleRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change schedules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var schedule = await db.Schedules.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
        {
            return Refusal.NotFound("schedule", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Schedules.AnyAsync(s => s.Id != id && s.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A schedule named '{request.Name.Trim()}' already exists.");
        }
        schedule.Update(request.Name, request.Description, request.TimeZone!, request.Layers!);
        await ShiftNotices.WatchAsync(db, schedule.Id, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(schedule, ShiftedHandOffWarnings(schedule), ct);
    }

    /// <returns>The removed schedule's id, or why not: a schedule a role is held through, or that a policy names, stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change schedules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var schedule = await db.Schedules.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
        {
            return Refusal.NotFound("schedule", id);
        }
        var referencedBy = (await db.DirectoryRoles.Where(r => r.ScheduleId == id).Select(r => r.Name).ToListAsync(ct)).Select(r => $"role '{r}'")
            .Concat(await TargetReferences.FindAsync(db, TargetKind.Schedule, id, ct)).ToList();
        if (referencedBy.Count > 0)
        {
            return Refusal.Conflict($"{schedule.Name} is used by {string.Join(", ", referencedBy)}. Change those first.", "The schedule is still referenced");
        }
        db.ScheduleOverrides.RemoveRange(await db.ScheduleOverrides.Where(o => o.ScheduleId == id).ToListAsync(ct));
        db.Schedules.Remove(schedule);
        await db.SaveChangesAsync(ct);
        return id;
    }

    public async Task<Outcome<ScheduleView>> AddOverrideAsync(Actor actor, Guid scheduleId, OverrideRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change schedules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is null)
        {
            return Refusal.NotFound("schedule", scheduleId);
        }
        var v = new Validator().Optional("reason", request.Reason, 500).SingleLine("reason", request.Reason);
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            v.Add("kind", $"kind is one of {string.Join(", ", Enum.GetNames<OverrideKind>())}.");
        }
        if (request.PersonId is not { } personId)
        {
            v.Add("personId", "personId is required: who is on call (Replace, Add) or taken off (Remove).");
        }
        else if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            v.Add("personId", $"No person with id {personId}.");
        }
        if (request.ReplacesId is { } replaces)
        {
            if (request.Kind != OverrideKind.Replace)
            {
                v.Add("replacesId", "Only a Replace override names whom it replaces.");
            }
            else if (replaces == request.PersonId)
            {
                v.Add("replacesId", "A person cannot replace themselves.");
            }
            else if (!await db.People.AnyAsync(p => p.Id == replaces, ct))
            {
                v.Add("replacesId", $"No person with id {replaces}.");
            }
        }
        if (request.From is null)
        {
            v.Add("from", "from is required.");
        }
        if (request.To is null)
        {
            v.Add("to", "to is required.");
        }
        else if (request.From is not null && request.To <= request.From)
        {
            v.Add("to", "to must be after from.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var (from, to) = (request.From!.Value.ToUniversalTime(), request.To!.Value.ToUniversalTime());
        var overlapping = await db.ScheduleOverrides.AsNoTracking().Where(o => o.ScheduleId == scheduleId && o.From < to && o.To > from).OrderBy(o => o.From).FirstOrDefaultAsync(ct);
        if (overlapping is not null)
        {
            return Refusal.Conflict(
                $"It overlaps the {overlapping.Kind} override from {overlapping.From:yyyy-MM-dd HH:mm} to {overlapping.To:yyyy-MM-dd HH:mm} UTC ({overlapping.Id}). Change or remove that one first.",
                "Overlapping override");
        }
        db.ScheduleOverrides.Add(new ScheduleOverride(scheduleId, request.Kind!.Value, request.PersonId!.Value, request.ReplacesId, from, to, request.Reason, time.GetUtcNow()));
        await ShiftNotices.WatchAsync(db, scheduleId, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(schedule, [], ct);
    }

    public async Task<Outcome<ScheduleView>> RemoveOverrideAsync(Actor actor, Guid scheduleId, Guid overrideId, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change schedules") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var found = await db.ScheduleOverrides.FirstOrDefaultAsync(o => o.Id == overrideId && o.ScheduleId == scheduleId, ct);
        if (found is null)
        {
            return Refusal.NotFound("override", overrideId);
        }
        db.ScheduleOverrides.Remove(found);
        await ShiftNotices.WatchAsync(db, scheduleId, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(await db.Schedules.AsNoTracking().FirstAsync(s => s.Id == scheduleId, ct), [], ct);
    }

    /// <summary>Who is on call at <paramref name="at"/> (now when not given), since and until when, why, and the next change.</summary>
    public async Task<Outcome<OnCallView>> OnCallAsync(Guid id, DateTimeOffset? at, CancellationToken ct)
    {
        var instant = (at ?? time.GetUtcNow()).ToUniversalTime();
        var window = TimeSpan.FromDays(35);
        var calculators = await onCall.LoadAsync([id], instant - window, instant + window, ct);
        if (calculators[id] is not { } calculator)
        {
            return Refusal.NotFound("schedule", id);
        }
        var shifts = calculator.Final((instant - window).ToInstant(), (instant + window).ToInstant());
        var index = shifts.FindIndex(s => s.From <= instant.ToInstant() && instant.ToInstant() < s.To);
        var names = await NamesAsync(shifts.SelectMany(s => s.People).Select(p => p.PersonId), ct);
        var entries = shifts[index].People.Select(p =>
        {
            var first = index;
            while (first > 0 && shifts[first - 1].People.Any(q => q.PersonId == p.PersonId))
            {
                first--;
            }
            var last = index;
            while (last + 1 < shifts.Count && shifts[last + 1].People.Any(q => q.PersonId == p.PersonId))
            {
                last++;
            }
            return new OnCallEntry(p.PersonId, names.GetValueOrDefault(p.PersonId, "(deleted person)"), shifts[first].From.ToDateTimeOffset(), shifts[last].To.ToDateTimeOffset(), p.Why);
        }).ToList();
        var next = index + 1 < shifts.Count ? Shift(shifts[index + 1], names) : null;
        return new OnCallView(id, calculator.Schedule.Name, instant, calculator.Schedule.TimeZone, entries, entries.Count == 0, next);
    }

    /// <summary>The final shifts of [from, to) with gaps flagged, and each layer's line, for at most 100 days.</summary>
    public async Task<Outcome<ShiftsView>> ShiftsAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var start = (from ?? time.GetUtcNow()).ToUniversalTime();
        var end = (to ?? start + TimeSpan.FromDays(14)).ToUniversalTime();
        if (end <= start)
        {
            return Refusal.Invalid("to", "to must be after from.");
        }
        if (end - start > MaxPeriod)
        {
            return Refusal.Invalid("to", $"A period is at most {MaxPeriod.TotalDays:0} days.");
        }
        var calculators = await onCall.LoadAsync([id], start, end, ct);
        if (calculators[id] is not { } calculator)
        {
            return Refusal.NotFound("schedule", id);
        }
        var shifts = calculator.Final(start.ToInstant(), end.ToInstant());
        var lines = Enumerable.Range(0, calculator.Schedule.Layers.Count).Select(l => (calculator.Schedule.Layers[l].Name, Pieces: calculator.LayerLine(l, start.ToInstant(), end.ToInstant()))).ToList();
        var names = await NamesAsync(shifts.SelectMany(s => s.People).Select(p => p.PersonId).Concat(lines.SelectMany(l => l.Pieces).Select(p => p.PersonId)), ct);
        return new ShiftsView(id, calculator.Schedule.TimeZone, start, end,
            [.. shifts.Select(s => Shift(s, names))],
            [.. shifts.Where(s => s.IsGap).Select(s => new GapView(s.From.ToDateTimeOffset(), s.To.ToDateTimeOffset()))],
            [.. lines.Select(l => new LayerLineView(l.Name, [.. l.Pieces.Select(p => new LayerPieceView(p.From.ToDateTimeOffset(), p.To.ToDateTimeOffset(), p.PersonId, names.GetValueOrDefault(p.PersonId, "(deleted person)")))]))]);
    }

    /// <summary>Times in the next 4 weeks when nobody is on call.</summary>
    public async Task<List<GapView>> GapsAheadAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var calculators = await onCall.LoadAsync([id], now, now + GapHorizon, ct);
        return calculators[id] is { } calculator
            ? [.. calculator.Final(now.ToInstant(), (now + GapHorizon).ToInstant()).Where(s => s.IsGap).Select(s => new GapView(s.From.ToDateTimeOffset(), s.To.ToDateTimeOffset()))]
            : [];
    }

    private static ShiftView Shift(ComputedShift s, Dictionary<Guid, string> names) =>
        new(s.From.ToDateTimeOffset(), s.To.ToDateTimeOffset(), [.. s.People.Select(p => new ShiftPerson(p.PersonId, names.GetValueOrDefault(p.PersonId, "(deleted person)"), p.Why))], s.IsGap);

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    private async Task<ScheduleView> ViewAsync(Schedule schedule, List<string> warnings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var overrides = await db.ScheduleOverrides.AsNoTracking().Where(o => o.ScheduleId == schedule.Id && o.To > now).OrderBy(o => o.From).ToListAsync(ct);
        var names = await NamesAsync(schedule.Layers.SelectMany(l => l.Participants)
            .Concat(overrides.Select(o => o.PersonId)).Concat(overrides.Where(o => o.ReplacesId != null).Select(o => o.ReplacesId!.Value)), ct);
        var gaps = await GapsAheadAsync(schedule.Id, ct);
        if (gaps.Count > 0)
        {
            warnings.Add($"Nobody is on call {gaps.Count} time(s) in the next 4 weeks, first from {gaps[0].From:yyyy-MM-dd HH:mm} to {gaps[0].To:yyyy-MM-dd HH:mm} UTC.");
        }
        string Name(Guid id) => names.GetValueOrDefault(id, "(deleted person)");
        return new ScheduleView(schedule.Id, schedule.Name, schedule.Description, schedule.TimeZone, schedule.Layers,
            [.. schedule.Layers.SelectMany(l => l.Participants).Distinct().Select(p => new PersonRef(p, Name(p)))],
            [.. overrides.Select(o => new OverrideView(o.Id, o.Kind, o.PersonId, Name(o.PersonId), o.ReplacesId, o.ReplacesId is { } r ? Name(r) : null, o.From, o.To, o.Reason))],
            gaps, warnings, await db.CalendarFeeds.AsNoTracking().Where(f => f.ScheduleId == schedule.Id).Select(f => f.Token).FirstOrDefaultAsync(ct) is { } token ? feeds.Url(token) : null);
    }

    /// <summary>Hand-offs accepted although some day they fall in a daylight-saving gap: said on every change.</summary>
    private static List<string> ShiftedHandOffWarnings(Schedule schedule)
    {
        var zone = DateTimeZoneProviders.Tzdb[schedule.TimeZone];
        return [.. schedule.Layers.Select(l => (l.Name, Skipped: new LayerRotation(l, zone).FirstSkippedHandOff()))
            .Where(l => l.Skipped is not null)
            .Select(l => $"Layer '{l.Name}': {SkippedText(l.Skipped!.Value.Wanted, l.Skipped.Value.Chosen, schedule.TimeZone)}")];
    }

    private static string SkippedText(LocalDateTime wanted, LocalDateTime chosen, string zone) =>
        $"the hand-off at {wanted.TimeOfDay:HH:mm} does not exist in {zone} on {wanted.Date:yyyy-MM-dd} (the clocks skip that hour); it happens at {chosen.TimeOfDay:HH:mm} that day instead.";

    private async Task<Refusal?> ValidateAsync(ScheduleRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).SingleLine("name", request.Name).Optional("description", request.Description, 2000);
        var zone = request.TimeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone.Trim());
        if (zone is null)
        {
            v.Add("timeZone", "timeZone is an IANA time zone id, such as America/New_York.");
        }
        if (request.Layers is not { Count: > 0 } layers)
        {
            v.Add("layers", "A schedule needs at least one layer.");
            return Refusal.Invalid(v.Errors);
        }
        var everyone = layers.Where(l => l?.Participants is not null).SelectMany(l => l.Participants).Distinct().ToList();
        var known = (await db.People.Where(p => everyone.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var at = $"layers[{i}]";
            if (layer is null)
            {
                v.Add(at, "A layer is required.");
                continue;
            }
            v.Required($"{at}.name", layer.Name, 200).SingleLine($"{at}.name", layer.Name);
            if (layer.Participants is not { Count: > 0 })
            {
                v.Add($"{at}.participants", "A rotation needs at least one participant.");
            }
            else
            {
                if (layer.Participants.Distinct().Count() != layer.Participants.Count)
                {
                    v.Add($"{at}.participants", "A person is listed twice.");
                }
                if (layer.Participants.Where(p => !known.Contains(p)).ToList() is { Count: > 0 } unknown)
                {
                    v.Add($"{at}.participants", $"No person with id {string.Join(", ", unknown)}.");
                }
            }
            if (!Enum.IsDefined(layer.ShiftUnit))
            {
                v.Add($"{at}.shiftUnit", $"shiftUnit is one of {string.Join(", ", Enum.GetNames<ShiftUnit>())}.");
            }
            else if (layer.ShiftCount < 1 || layer.ShiftCount > (layer.ShiftUnit switch { ShiftUnit.Hours => 24 * 28, ShiftUnit.Days => 366, _ => 52 }))
            {
                v.Add($"{at}.shiftCount", "shiftCount is at least 1 and at most 672 hours, 366 days or 52 weeks.");
            }
            if (!Enum.IsDefined(layer.Coverage))
            {
                v.Add($"{at}.coverage", $"coverage is one of {string.Join(", ", Enum.GetNames<AbsenceCoverage>())}.");
            }
            if (layer.OnShifts is < 1 || layer.OffShifts is < 0 || (layer.OffShifts is not null && layer.OnShifts is null))
            {
                v.Add($"{at}.onShifts", "onShifts (at least 1) and offShifts (0 or more) go together: \"2 weeks on, 2 off\" is shiftCount 1, shiftUnit Weeks, onShifts 2, offShifts 2.");
            }
            if (layer.ShiftDays is { Count: > 0 } && (layer.ShiftUnit != ShiftUnit.Days || layer.ShiftCount != 1))
            {
                v.Add($"{at}.shiftDays", "shiftDays (\"weekdays only\") is for daily shifts: shiftCount 1, shiftUnit Days.");
            }
            foreach (var (r, j) in (layer.Restrictions ?? []).Select((r, j) => (r, j)))
            {
                if (r?.Days is not { Count: > 0 })
                {
                    v.Add($"{at}.restrictions[{j}].days", "A restriction names at least one day.");
                }
            }
            if (v.IsValid && zone is not null && !request.AcceptShiftedHandOffs && new LayerRotation(layer, zone).FirstSkippedHandOff() is { } skipped)
            {
                v.Add($"{at}.handOffTime", $"{SkippedText(skipped.Wanted, skipped.Chosen, zone.Id)} Choose a time that exists every day, or send acceptShiftedHandOffs: true to keep it.");
            }
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }
}
