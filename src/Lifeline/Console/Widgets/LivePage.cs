using Lifeline.Incidents;
using Lifeline.Schedules;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Lifeline.Console.Widgets;

/// <summary>
/// A page that stays current without reloading: it reloads its data when a save anywhere in Lifeline touches an
/// incident it shows (the API, another person's console, the engine, an SMS reply: <see cref="IncidentChanges"/>) or a
/// schedule it shows (<see cref="ScheduleChanges"/>), and re-renders every second so ages and countdowns move. Only once interactive: a prerendered copy does neither.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    [Inject] protected ConsoleSession Session { get; set; } = default!;
    [Inject] protected ViewerClock Clock { get; set; } = default!;
    [Inject] private IncidentChanges Changes { get; set; } = default!;
    [Inject] private ScheduleChanges ScheduleChanges { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private readonly CancellationTokenSource _stop = new();
    private int _reloadState; // 0 idle, 1 reloading, 2 reloading and another change came in meanwhile
    private bool _subscribed;

    /// <summary>Reads what the page shows, as the signed-in person.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Whether a change to these incidents concerns the page (default: every change).</summary>
    protected virtual bool Concerns(IReadOnlyCollection<Guid> incidentIds) => true;

    /// <summary>Whether a change to these schedules concerns the page (default: none; <see cref="ScheduleChanges.AnySchedule"/> may be among them).</summary>
    protected virtual bool ConcernsSchedules(IReadOnlyCollection<Guid> scheduleIds) => false;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (RendererInfo.IsInteractive && !_subscribed)
        {
            _subscribed = true;
            Changes.Changed += OnChanged;
            ScheduleChanges.Changed += OnSchedulesChanged;
            _ = TickAsync(_stop.Token);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && await Clock.LearnZoneAsync(Js))
        {
            StateHasChanged();
        }
    }

    /// <summary>Reloads now (after the page's own command), without waiting for the change feed.</summary>
    protected Task RefreshAsync() => ReloadAsync();

    private void OnChanged(IReadOnlyCollection<Guid> incidentIds)
    {
        if (Concerns(incidentIds))
        {
            _ = InvokeAsync(ReloadAsync);
        }
    }

    private void OnSchedulesChanged(IReadOnlyCollection<Guid> scheduleIds)
    {
        if (ConcernsSchedules(scheduleIds))
        {
            _ = InvokeAsync(ReloadAsync);
        }
    }

    private async Task ReloadAsync()
    {
        // Changes arrive in bursts (an engine batch saves several times): one reload at a time, and one more after it if needed.
        if (Interlocked.CompareExchange(ref _reloadState, 1, 0) != 0)
        {
            Interlocked.Exchange(ref _reloadState, 2);
            return;
        }
        try
        {
            do
            {
                Interlocked.Exchange(ref _reloadState, 1);
                await LoadAsync();
                StateHasChanged();
            }
            while (Interlocked.CompareExchange(ref _reloadState, 0, 1) == 2 && !_stop.IsCancellationRequested);
        }
        catch (ObjectDisposedException)
        {
            // The page was closed while it reloaded.
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended.
        }
    }

    public void Dispose()
    {
        Changes.Changed -= OnChanged;
        ScheduleChanges.Changed -= OnSchedulesChanged;
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
