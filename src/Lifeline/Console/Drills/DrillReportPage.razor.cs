using System.Globalization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Drills;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Drills;

/// <summary>
/// One drill's report: who was reachable how fast per channel, who was not and why, against the previous drills of the
/// policy; PDF and CSV beside it. Reads <see cref="DrillReports"/>, as the API does; the follow-up is the drill service's.
/// </summary>
public partial class DrillReportPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Parameter] public Guid Id { get; set; }

    private DrillReport? _report;
    private bool _canFollowUp;
    private Problem? _problem;
    private string? _done;

    protected override async Task OnParametersSetAsync()
    {
        var actor = await Session.ActorAsync();
        _canFollowUp = actor.IsInAnyRole(LifelineRoles.Admin, LifelineRoles.IncidentManager);
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        _report = await Session.RunAsync<DrillReports, DrillReport?>((r, _) => r.ReportAsync(Id, CancellationToken.None));

    private async Task FollowUpAsync()
    {
        var outcome = await Session.RunAsync<DrillService, Outcome<int>>((d, actor) => d.FollowUpNowAsync(actor, Id, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _done = $"{outcome.Value} person(s) told what to fix.";
            await LoadAsync();
        }
    }

    private static string Time(DateTimeOffset? at) => at is { } value ? value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    private static string Channels(DrillPersonResult p) =>
        string.Join("; ", p.Channels.Select(c => $"{c.Channel}: {(c.SecondsToAcknowledge is { } s ? DrillReportFiles.Seconds(s) : c.Problem ?? "no answer")}"));

    private static string Findings(DrillPersonResult p) => p.Flags.Count == 0 ? "nothing" : string.Join(", ", p.Flags.Select(DrillReports.Describe));

    private static string LastTime(DrillPersonResult p) => p.ReachableLastTime switch
    {
        true => "reachable",
        false => "not reachable",
        null => "not paged",
    };
}
