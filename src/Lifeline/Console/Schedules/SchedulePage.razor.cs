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
/// One schedule: who is on call now and next, each layer's line and the final line (today, 2 weeks, a month), and for
/// admins an override form whose times are wall-clock times of the schedule's zone. The rules are the catalogue's.
/// </summary>
public partial class SchedulePage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Parameter] public Guid Id { get; set; }

    private ScheduleView? _schedule;
    private OnCallView? _onCall;
    private ShiftsView? _shifts;
    private bool _isAdmin;
    private IReadOnlyList<PersonSummary> _people = [];
    private OverrideKind _kind = OverrideKind.Replace;
    private Guid? _personId;
    private DateTime? _from;
    private DateTime? _to;
    private Problem? _problem;
    private string? _done;

    private int SpanDays { get; set; } = 14;

    protected override async Task OnParametersSetAsync()
    {
        var actor = await Session.ActorAsync();
        _isAdmin = actor.IsInRole(LifelineRoles.Admin);
        await LoadAsync();
        if (_isAdmin)
        {
            _people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        }
    }

    private async Task LoadAsync()
    {
        _schedule = (await Session.RunAsync<ScheduleCatalogue, Outcome<ScheduleView>>((c, _) => c.GetAsync(Id, CancellationToken.None))).Value;
        _onCall = (await Session.RunAsync<ScheduleCatalogue, Outcome<OnCallView>>((c, _) => c.OnCallAsync(Id, null, CancellationToken.None))).Value;
        await LoadShiftsAsync();
    }

    private async Task LoadShiftsAsync()
    {
        var from = Time.GetUtcNow();
        _shifts = (await Session.RunAsync<ScheduleCatalogue, Outcome<ShiftsView>>((c, _) => c.ShiftsAsync(Id, from, from.AddDays(SpanDays), CancellationToken.None))).Value;
    }

    private async Task AddOverrideAsync()
    {
        _done = null;
        var request = new OverrideRequest(_kind, _personId, null, Instant(_from), Instant(_to), null);
        var outcome = await Session.RunAsync<ScheduleCatalogue, Outcome<ScheduleView>>((c, actor) => c.AddOverrideAsync(actor, Id, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _done = "Override added.";
            await LoadAsync();
        }
    }

    /// <summary>A wall-clock time of the schedule's zone as an instant (a time skipped by a clock change moves to the end of the gap).</summary>
    private DateTimeOffset? Instant(DateTime? local) => local is { } value && _schedule is { } schedule
        ? LocalDateTime.FromDateTime(value).InZone(DateTimeZoneProviders.Tzdb[schedule.TimeZone], LayerRotation.HandOffResolver).ToDateTimeOffset()
        : null;

    private string Local(DateTimeOffset instant) => _schedule is { } schedule
        ? instant.ToInstant().InZone(DateTimeZoneProviders.Tzdb[schedule.TimeZone]).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : instant.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
}
