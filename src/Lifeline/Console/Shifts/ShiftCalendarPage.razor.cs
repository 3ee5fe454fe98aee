using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Shifts;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Shifts;

/// <summary>
/// The shift calendar: which shift it is now and why (from <see cref="ShiftCalendars.NowAsync"/>, as the API's /now),
/// the week and holidays for everyone signed in, and the editor for admins. Saving goes through
/// <see cref="ShiftCalendars.ReplaceAsync"/> as the signed-in person, exactly as the API's PUT does; its messages are
/// shown beside the fields they name.
/// </summary>
public partial class ShiftCalendarPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private bool _isAdmin;
    private ShiftCalendarView? _calendar;
    private ShiftNowView? _now;
    private CalendarForm? _form;
    private Problem? _problem;
    private string? _done;
    private DateOnly? _newDate;
    private string _newName = "";
    private string? _newDateError;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await Session.ActorAsync()).IsInRole(LifelineRoles.Admin);
        await LoadAsync();
        _form = _calendar is null ? null : CalendarForm.Of(_calendar);
    }

    private async Task LoadAsync()
    {
        _calendar = await Session.RunAsync<ShiftCalendars, ShiftCalendarView>((c, _) => c.GetAsync(CancellationToken.None));
        _now = await Session.RunAsync<ShiftCalendars, ShiftNowView>((c, _) => c.NowAsync(CancellationToken.None));
    }

    private void AddHoliday()
    {
        _newDateError = _newDate is null ? "Choose the holiday's date." : null;
        if (_newDate is { } date && _form is not null)
        {
            _form.Holidays.Add(new HolidayForm { Date = date, Name = _newName });
            _newDate = null;
            _newName = "";
        }
    }

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }
        _done = null;
        var request = _form.Request();
        var outcome = await Session.RunAsync<ShiftCalendars, Outcome<ShiftCalendarView>>((c, actor) => c.ReplaceAsync(actor, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is null)
        {
            return;
        }
        await LoadAsync();
        _form = CalendarForm.Of(_calendar!);
        _done = $"Saved: {_calendar!.Hours.Count} business-hour range(s) in {_calendar.TimeZone}, {_calendar.Holidays.Count} holiday(s). "
            + $"Now: {(_now!.Shift == ShiftKind.Day ? "day shift" : "off shift")}.";
    }

    /// <summary>The service's "hours overlap" message, beside the weekday it names.</summary>
    private string? OverlapMessage(DayOfWeek day) =>
        _problem?.Fields.GetValueOrDefault("hours") is { } messages && messages.Where(m => m.Contains($" {day} ", StringComparison.Ordinal)).ToList() is { Count: > 0 } mine
            ? string.Join(" ", mine)
            : null;

    private static string DayText(ShiftCalendarView calendar, DayOfWeek day) =>
        calendar.Hours.Where(h => h.Day == day).ToList() switch
        {
            [] => "Closed",
            [{ IsAroundTheClock: true }] => "Around the clock",
            var hours => string.Join(", ", hours.Select(h => h.Text.Replace("-", "–", StringComparison.Ordinal))),
        };

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
