using System.Globalization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Lifeline.Schedules;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Extensions;

namespace Lifeline.Console.Schedules;

/// <summary>
/// One schedule: who is on call now and next, each layer's line and the final line as bars (today, 2 weeks, a month),
/// for admins an override form, for the schedule's people swap requests and their answers. Picking a shift fills the
/// forms in. Live: a change saved anywhere (the API, another browser, another instance) reloads it. The rules are the
/// catalogue's and <see cref="ScheduleSwaps"/>'; times in the forms are wall-clock times of the schedule's zone.
/// </summary>
public partial class SchedulePage
{
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Parameter] public Guid Id { get; set; }

    private Guid _loadedId;
    private bool _loaded;
    private ScheduleView? _schedule;
    private OnCallView? _onCall;
    private ShiftsView? _shifts;
    private List<SwapView> _swaps = [];
    private bool _isAdmin;
    private bool _isParticipant;
    private Guid? _me;
    private IReadOnlyList<PersonSummary> _people = [];
    private string? _picked;

    private OverrideKind _kind = OverrideKind.Replace;
    private Guid? _personId;
    private Guid? _replacesId;
    private DateTime? _from;
    private DateTime? _to;
    private Problem? _problem;
    private string? _done;

    private Guid? _swapColleague;
    private DateTime? _swapFrom;
    private DateTime? _swapTo;
    private string? _swapNote;
    private Problem? _swapProblem;
    private string? _swapDone;
    private Problem? _decisionProblem;
    private string? _decisionDone;

    private int SpanDays { get; set; } = 14;

    protected override bool Concerns(IReadOnlyCollection<Guid> incidentIds) => false;

    protected override bool ConcernsSchedules(IReadOnlyCollection<Guid> scheduleIds) =>
        scheduleIds.Contains(Id) || scheduleIds.Contains(ScheduleChanges.AnySchedule);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded && _loadedId != Id)
        {
            await LoadAsync();
        }
    }

    protected override async Task LoadAsync()
    {
        var actor = await Session.ActorAsync();
        _isAdmin = actor.IsInRole(LifelineRoles.Admin);
        _me = actor.PersonId;
        if (_isAdmin && _people.Count == 0)
        {
            _people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        }
        _schedule = (await Session.RunAsync<ScheduleCatalogue, Outcome<ScheduleView>>((c, _) => c.GetAsync(Id, CancellationToken.None))).Value;
        _onCall = (await Session.RunAsync<ScheduleCatalogue, Outcome<OnCallView>>((c, _) => c.OnCallAsync(Id, null, CancellationToken.None))).Value;
        _swaps = (await Session.RunAsync<ScheduleSwaps, Outcome<List<SwapView>>>((s, _) => s.ListAsync(Id, CancellationToken.None))).Value ?? [];
        _isParticipant = _me is { } me && _schedule?.People.Any(p => p.Id == me) == true;
        await LoadShiftsAsync();
        _loadedId = Id;
        _loaded = true;
    }

    private async Task LoadShiftsAsync()
    {
        var from = Time.GetUtcNow();
        if (SpanDays == 1 && _schedule is { } schedule)
        {
            // "Today" is the schedule's day, from its midnight.
            var zone = DateTimeZoneProviders.Tzdb[schedule.TimeZone];
            from = from.ToInstant().InZone(zone).Date.AtStartOfDayInZone(zone).ToDateTimeOffset();
        }
        _shifts = (await Session.RunAsync<ScheduleCatalogue, Outcome<ShiftsView>>((c, _) => c.ShiftsAsync(Id, from, from.AddDays(SpanDays), CancellationToken.None))).Value;
    }

    /// <summary>A shift (or gap) picked on the timeline: its times, and whom it concerns, go into the forms.</summary>
    private void Pick(DateTimeOffset from, DateTimeOffset to, Guid? personId, string names)
    {
        _picked = $"{names}, {Local(from)} – {Local(to)}. The {(_isAdmin ? "override form" : "swap request")} below is filled in.";
        if (_isAdmin)
        {
            _from = WallClock(from);
            _to = WallClock(to);
            _kind = OverrideKind.Replace;
            _replacesId = personId;
            _personId = null;
            _problem = null;
            _done = null;
        }
        if (_isParticipant)
        {
            _swapFrom = WallClock(from);
            _swapTo = WallClock(to);
            _swapProblem = null;
            _swapDone = null;
        }
    }

    private async Task AddOverrideAsync()
    {
        _done = null;
        var request = new OverrideRequest(_kind, _personId, _kind == OverrideKind.Replace ? _replacesId : null, Instant(_from), Instant(_to), null);
        var outcome = await Session.RunAsync<ScheduleCatalogue, Outcome<ScheduleView>>((c, actor) => c.AddOverrideAsync(actor, Id, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _done = "Override added.";
            _picked = null;
            await RefreshAsync();
        }
    }

    private async Task RequestSwapAsync()
    {
        _swapDone = null;
        var body = new SwapRequestBody(null, _swapColleague, Instant(_swapFrom), Instant(_swapTo), _swapNote);
        var outcome = await Session.RunAsync<ScheduleSwaps, Outcome<SwapView>>((s, actor) => s.RequestAsync(actor, Id, body, CancellationToken.None));
        _swapProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } swap)
        {
            _swapDone = $"Swap requested: {swap.ColleagueName} is asked to accept it.";
            _picked = null;
            _swapNote = null;
            await RefreshAsync();
        }
    }

    private async Task DecideAsync(Guid swapId, bool accept)
    {
        _decisionDone = null;
        var outcome = await Session.RunAsync<ScheduleSwaps, Outcome<SwapView>>((s, actor) => s.DecideAsync(actor, Id, swapId, accept, CancellationToken.None));
        _decisionProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } swap)
        {
            _decisionDone = accept
                ? $"Swap accepted: you are on call instead of {swap.RequesterName} from {Local(swap.From)} to {Local(swap.To)}."
                : $"Swap declined: {swap.RequesterName} stays on call.";
            await RefreshAsync();
        }
    }

    private static string StatusText(SwapStatus status) => status switch
    {
        SwapStatus.Requested => "waiting for an answer",
        SwapStatus.Accepted => "accepted",
        SwapStatus.Declined => "declined",
        _ => "cancelled",
    };

    private DateTimeZone Zone => DateTimeZoneProviders.Tzdb[_schedule!.TimeZone];

    /// <summary>A wall-clock time of the schedule's zone as an instant (a time skipped by a clock change moves to the end of the gap).</summary>
    private DateTimeOffset? Instant(DateTime? local) => local is { } value && _schedule is not null
        ? LocalDateTime.FromDateTime(value).InZone(Zone, LayerRotation.HandOffResolver).ToDateTimeOffset()
        : null;

    /// <summary>An instant as the wall-clock time of the schedule's zone, to the minute, for a datetime-local field.</summary>
    private DateTime WallClock(DateTimeOffset instant) => instant.ToInstant().InZone(Zone).LocalDateTime.ToDateTimeUnspecified() is var local
        ? new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified)
        : default;

    private string Local(DateTimeOffset instant) => _schedule is not null
        ? instant.ToInstant().InZone(Zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)
        : instant.ToString("u", CultureInfo.InvariantCulture);

    private static double Percent(ShiftsView shifts, DateTimeOffset at)
    {
        var total = (shifts.To - shifts.From).TotalSeconds;
        return Math.Round(Math.Clamp((at - shifts.From).TotalSeconds / total, 0, 1) * 100, 3);
    }

    /// <summary>Where a piece sits on its bar: left edge and width as percentages of the period shown.</summary>
    private static string Place(ShiftsView shifts, DateTimeOffset from, DateTimeOffset to)
    {
        var left = Percent(shifts, from);
        var width = Percent(shifts, to) - left;
        return string.Create(CultureInfo.InvariantCulture, $"left:{left}%;width:{width}%");
    }

    /// <summary>One of eight colours per person, the same on every line, so a person's shifts are easy to follow.</summary>
    private string Colour(Guid personId)
    {
        var index = _schedule?.People.Select((p, i) => (p.Id, i)).FirstOrDefault(p => p.Id == personId).i ?? 0;
        return $"who-{index % 8}";
    }

    private sealed record Tick(DateTimeOffset At, string Label);

    /// <summary>Labels under the bars: every 6 hours for a day, every day for 2 weeks, every week for a month (local midnights).</summary>
    private IEnumerable<Tick> Ticks(ShiftsView shifts)
    {
        var zone = Zone;
        var start = shifts.From.ToInstant().InZone(zone);
        if (SpanDays == 1)
        {
            for (var hour = 0; hour < 24; hour += 6)
            {
                var at = start.Date.At(new LocalTime(hour, 0)).InZone(zone, LayerRotation.HandOffResolver).ToDateTimeOffset();
                yield return new Tick(at, $"{hour:00}:00");
            }
            yield break;
        }
        var step = SpanDays > 14 ? 7 : 2;
        for (var date = start.Date.PlusDays(1); ; date = date.PlusDays(step))
        {
            var at = date.AtStartOfDayInZone(zone).ToDateTimeOffset();
            if (at >= shifts.To)
            {
                yield break;
            }
            yield return new Tick(at, date.ToString("ddd d", CultureInfo.InvariantCulture));
        }
    }
}
