using Lifeline.Access;
using Lifeline.Acknowledgements;
using Lifeline.Board;
using Lifeline.Console.Widgets;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Templates;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Incidents;

/// <summary>
/// The incident page: everything about one incident, live, and every command the viewer's role allows. Each command
/// is one call of the service the API calls, as the signed-in person; the service decides, the page shows its answer.
/// </summary>
public partial class IncidentPage
{
    [Parameter] public string Number { get; set; } = "";

    private IncidentFileView? _file;
    private Actor? _actor;
    private bool _notFound;
    private Problem? _problem;
    private string? _done;
    private HashSet<Guid> _teams = [];
    private bool _teamsTouched;
    private string? _updateText, _updateIsolated, _resolveSummary, _severityReason, _reopenReason, _logAuthor, _logText;
    private DateTime? _updateExpected, _logWhen;
    private int _severity;
    private TemplatePreviewView? _preview;

    private bool Open => _file?.Incident.Status is IncidentStatus.Open or IncidentStatus.Escalating or IncidentStatus.Acknowledged;

    protected override bool Concerns(IReadOnlyCollection<Guid> incidentIds) => _file is null || incidentIds.Contains(_file.Incident.Id);

    protected override async Task LoadAsync()
    {
        _actor = await Session.ActorAsync();
        _file = await Session.RunAsync<IncidentFiles, IncidentFileView?>((files, actor) => files.ReadAsync(actor, Number, CancellationToken.None));
        _notFound = _file is null;
        if (_file is { } file)
        {
            if (!_teamsTouched)
            {
                _teams = [.. file.Incident.Level2Teams.Select(t => t.Id)];
            }
            if (_severity == 0)
            {
                _severity = file.Incident.Severity;
            }
        }
    }

    private string IncidentNumber => _file?.Incident.Number ?? Number;

    /// <summary>Runs one command; on success says so and reloads, on refusal shows the service's words beside the fields.</summary>
    private async Task RunAsync<TService>(Func<TService, Actor, Task<Problem?>> command, string done, Action? onSuccess = null) where TService : notnull
    {
        _done = null;
        _problem = await Session.RunAsync(command);
        if (_problem is null)
        {
            _done = done;
            onSuccess?.Invoke();
            await RefreshAsync();
        }
    }

    private Task AcknowledgeAsync() => RunAsync<Acknowledger>(async (a, actor) =>
        Problem.Of((await a.AcknowledgeIncidentAsync(actor, IncidentNumber, actor.PersonId, "console", CancellationToken.None)).Failure),
        "Acknowledged: you are the incident manager, and paging for it has stopped.");

    private Task AcknowledgeTeamAsync(Guid teamId) => RunAsync<Acknowledger>(async (a, actor) =>
        Problem.Of((await a.AcknowledgeTeamAsync(actor, IncidentNumber, teamId, "console", CancellationToken.None)).Refusal),
        "Acknowledged for your team: please join the bridge.");

    private Task ConfirmTaskAsync(Guid taskId) => RunAsync<Acknowledger>(async (a, actor) =>
        Problem.Of((await a.ConfirmTaskAsync(actor, IncidentNumber, taskId, CancellationToken.None)).Refusal), "Task confirmed.");

    private Task EscalateNowAsync() => RunAsync<EscalationCommands>(async (e, actor) =>
        Problem.Of((await e.EscalateNowAsync(actor, IncidentNumber, CancellationToken.None)).Refusal), "Escalated to the next tier now.");

    private void Toggle(Guid teamId, ChangeEventArgs e)
    {
        _teamsTouched = true;
        if (e.Value is true)
        {
            _teams.Add(teamId);
        }
        else
        {
            _teams.Remove(teamId);
        }
    }

    private Task NameTeamsAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.NameLevel2TeamsAsync(IncidentNumber, [.. _teams], actor, CancellationToken.None)).Failure),
        "Level 2 teams named: they are being paged.", () => _teamsTouched = false);

    private DateTimeOffset? FromViewer(DateTime? local) =>
        local is { } value ? new DateTimeOffset(value, Clock.Zone.GetUtcOffset(value)) : null;

    private async Task PreviewUpdateAsync()
    {
        _done = null;
        var outcome = await Session.RunAsync<TemplateCatalogue, Api.Outcome<TemplatePreviewView>>((t, actor) =>
            t.PreviewStatusUpdateAsync(actor, IncidentNumber, _updateText, _updateIsolated, FromViewer(_updateExpected), CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _preview = outcome.Value;
    }

    private Task PostUpdateAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.PostStatusUpdateAsync(IncidentNumber, _updateText ?? "", _updateIsolated, FromViewer(_updateExpected), actor, CancellationToken.None)).Failure),
        "Status update posted: the stakeholders are being sent it.", () => (_updateText, _updateIsolated, _updateExpected, _preview) = (null, null, null, null));

    private Task ResolveAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.ResolveAsync(IncidentNumber, _resolveSummary ?? "", actor, CancellationToken.None)).Failure),
        "Resolved. The help desk closes the ticket, which sends the customer survey.", () => _resolveSummary = null);

    private Task ChangeSeverityAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.ChangeSeverityAsync(IncidentNumber, _severity, _severityReason ?? "", actor, CancellationToken.None)).Failure),
        "Severity changed.", () => _severityReason = null);

    private Task CloseAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.CloseAsync(IncidentNumber, actor, CancellationToken.None)).Failure), "Closed: the customer survey is on its way.");

    private Task ReopenAsync() => RunAsync<IncidentService>(async (s, actor) =>
        Problem.Of((await s.ReopenAsync(IncidentNumber, _reopenReason ?? "", actor, CancellationToken.None)).Failure), "Reopened.", () => _reopenReason = null);

    private Task AddLogEntryAsync() => RunAsync<IncidentService>(async (s, actor) =>
    {
        if (_logWhen is null)
        {
            return Problem.Field("occurredAt", "Enter when it happened.");
        }
        var (outcome, _, _) = await s.ImportManualLogAsync(IncidentNumber,
            [new ManualLogEntryRequest(FromViewer(_logWhen), _logAuthor, _logText ?? "", null)], actor, CancellationToken.None);
        return Problem.Of(outcome.Failure);
    }, "Added to the timeline at the time it happened.", () => (_logWhen, _logAuthor, _logText) = (null, null, null));

    private static string RunState(EscalationRunView run) => run.State switch
    {
        EscalationRunState.Active => "paging",
        EscalationRunState.Acknowledged => $"acknowledged by {run.AcknowledgedBy}" + (run.AcknowledgedVia is { } via ? $" ({via})" : ""),
        EscalationRunState.Exhausted => "nobody answered",
        _ => "stopped",
    };

    /// <summary>One tap dials the bridge and enters the PIN after two pauses (commas), as phones understand <c>tel:</c>.</summary>
    private static string BridgeTel(BridgeView bridge) =>
        "tel:" + new string([.. bridge.DialIn!.Where(c => char.IsDigit(c) || c == '+')]) + (bridge.Pin is { } pin ? ",," + pin + "#" : "");
}
