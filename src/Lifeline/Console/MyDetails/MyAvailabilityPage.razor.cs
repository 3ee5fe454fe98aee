using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Availability;
using Lifeline.Directory.People;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MyDetails;

/// <summary>
/// Self-service: the signed-in person's own absences, each with an optional stand-in picked from the directory.
/// Commands go through <see cref="AvailabilityCalendar"/> as the signed-in actor, which allows a person to manage
/// their own absences (an admin anyone's), the same rule as <c>/api/v1/people/{id}/availability</c>.
/// </summary>
public partial class MyAvailabilityPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;

    private static readonly PageQuery Everyone = new() { PageSize = PageQuery.MaxPageSize };

    private bool _loaded;
    private Guid? _personId;
    private AvailabilityView? _availability;
    private IReadOnlyList<PersonSummary> _people = [];
    private Problem? _problem;
    private string? _done;

    private DateTime? _from;
    private DateTime? _to;
    private Guid? _standInId;
    private string? _reason;

    /// <summary>Times (and the absence form's fields) are in the browser's zone, as on every other page.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && await Clock.LearnZoneAsync(Js))
        {
            StateHasChanged();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _personId = (await Session.ActorAsync()).PersonId;
        if (_personId is not null)
        {
            _people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(Everyone, CancellationToken.None))).Value?.Items ?? [];
            await ReloadAsync();
        }
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        var outcome = await Session.RunAsync<AvailabilityCalendar, Outcome<AvailabilityView>>((c, _) => c.GetAsync(_personId!.Value, CancellationToken.None));
        _availability = outcome.Value;
    }

    private async Task AddAsync()
    {
        _done = null;
        var request = new AbsenceRequest(Instant(_from), Instant(_to), _standInId, string.IsNullOrWhiteSpace(_reason) ? null : _reason);
        var outcome = await Session.RunAsync<AvailabilityCalendar, Outcome<AbsenceView>>((c, me) => c.RecordAbsenceAsync(me, _personId!.Value, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } recorded)
        {
            _from = null;
            _to = null;
            _standInId = null;
            _reason = null;
            await ReloadAsync();
            _done = recorded.StandInName is { } standIn
                ? $"Absence recorded. {standIn} is paged instead of you from {Clock.Full(recorded.From)}."
                : $"Absence recorded from {Clock.Full(recorded.From)}.";
        }
    }

    private async Task RemoveAsync(AbsenceView absence)
    {
        _done = null;
        var outcome = await Session.RunAsync<AvailabilityCalendar, Outcome<Guid>>((c, me) => c.RemoveAbsenceAsync(me, _personId!.Value, absence.Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            await ReloadAsync();
            _done = "Absence removed.";
        }
    }

    /// <summary>A wall-clock time of the viewer's zone as an instant.</summary>
    private DateTimeOffset? Instant(DateTime? local) => local is { } at ? new DateTimeOffset(at, Clock.Zone.GetUtcOffset(at)) : null;
}
