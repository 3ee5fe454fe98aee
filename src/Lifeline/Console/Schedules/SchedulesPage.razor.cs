using Lifeline.Api;
using Lifeline.Schedules;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Schedules;

/// <summary>The schedules and who is on call in each now, for everyone signed in.</summary>
public partial class SchedulesPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private List<(ScheduleSummary Schedule, OnCallView? OnCall)> _rows = [];

    protected override async Task OnInitializedAsync()
    {
        var schedules = (await Session.RunAsync<ScheduleCatalogue, Outcome<Page<ScheduleSummary>>>((c, _) =>
            c.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        _rows = [];
        foreach (var schedule in schedules)
        {
            _rows.Add((schedule, (await Session.RunAsync<ScheduleCatalogue, Outcome<OnCallView>>((c, _) => c.OnCallAsync(schedule.Id, null, CancellationToken.None))).Value));
        }
    }
}
