using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Schedules;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MyDetails;

/// <summary>
/// The signed-in person's on-call shifts in every schedule for the next four weeks, and their iCal feed: the same
/// <see cref="PersonShifts"/> as <c>GET /api/v1/people/{id}/shifts</c> and the same feed as <c>/api/v1/people/{id}/ical</c>.
/// </summary>
public partial class MyShiftsPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = default!;

    private bool _loaded;
    private Guid? _personId;
    private PersonShiftsView? _view;
    private string? _feed;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        _personId = (await Session.ActorAsync()).PersonId;
        if (_personId is { } personId)
        {
            _view = (await Session.RunAsync<PersonShifts, Outcome<PersonShiftsView>>((s, me) => s.ForAsync(me, personId, null, null, CancellationToken.None))).Value;
            _feed = (await Session.RunAsync<CalendarFeeds, Outcome<string>>((f, _) => f.PersonUrlAsync(personId, CancellationToken.None))).Value;
        }
        _loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && await Clock.LearnZoneAsync(Js))
        {
            StateHasChanged();
        }
    }
}
