using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.Services;
using Lifeline.Incidents;
using Lifeline.Severity;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Incidents;

/// <summary>
/// The Level 1 technician's form: the classification rules propose a severity live as the fields change (the same
/// <c>POST /severities/classify</c> the API offers), and opening calls the same <see cref="IncidentService.OpenAsync"/>.
/// </summary>
public partial class OpenIncidentPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<ServiceView> _services = [];
    private IReadOnlyList<OrganisationView> _organisations = [];
    private IReadOnlyList<SeverityLevelView> _levels = [];
    private ServiceView? _service;
    private Guid? _organisationId;
    private ImpactScope? _impact;
    private ServiceState? _state;
    private string? _title, _description, _reporterName, _reporterContact, _overrideReason;
    private bool _override, _drill, _busy, _fromPaper, _notifyNow;
    private DateTime? _openedAt;
    private string? _manualLogId;
    private int _overrideLevel = 1;
    private ClassificationView? _proposal;
    private Problem? _problem;

    protected override async Task OnInitializedAsync()
    {
        var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
        _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((s, _) => s.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        _organisations = (await Session.RunAsync<OrganisationDirectory, Outcome<Page<OrganisationView>>>((o, _) => o.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        _levels = await Session.RunAsync<SeverityCatalogue, IReadOnlyList<SeverityLevelView>>((s, _) => s.ListAsync(CancellationToken.None));
    }

    private Task<IEnumerable<ServiceView>> SearchServices(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? _services.AsEnumerable()
            : _services.Where(s => s.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || s.ServiceArea.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private Task SetImpact(ImpactScope impact)
    {
        _impact = impact;
        return ClassifyAsync();
    }

    private Task SetState(ServiceState state)
    {
        _state = state;
        return ClassifyAsync();
    }

    /// <summary>Asks the classification rules again whenever a field they read changes.</summary>
    private async Task ClassifyAsync()
    {
        if (_service is null || _impact is null || _state is null)
        {
            _proposal = null;
            return;
        }
        var request = new ClassifyRequest(_service.Id, _impact, _state, _organisationId);
        var outcome = await Session.RunAsync<SeverityClassifier, Outcome<ClassificationView>>((c, _) => c.ProposeAsync(request, CancellationToken.None));
        _proposal = outcome.Value;
        if (_proposal is { } p && !_override)
        {
            _overrideLevel = p.Severity;
        }
    }

    private async Task OpenAsync()
    {
        _busy = true;
        try
        {
            var request = new OpenIncidentRequest(_title ?? "", _description, _service?.Id, _organisationId, _reporterName, _reporterContact,
                _override ? _overrideLevel : null, _override ? _overrideReason : null, _impact, _state, null, _drill,
                _openedAt is { } at ? new DateTimeOffset(at, Clock.Zone.GetUtcOffset(at)) : null, string.IsNullOrWhiteSpace(_manualLogId) ? null : _manualLogId)
            {
                Notify = _openedAt is not null && _notifyNow,
            };
            _fromPaper = _openedAt is not null || _manualLogId is not null;
            var outcome = await Session.RunAsync<IncidentService, IncidentOutcome>((s, actor) => s.OpenAsync(request, actor, CancellationToken.None));
            _problem = Problem.Of(outcome.Failure);
            if (outcome.Incident is { } incident)
            {
                Navigation.NavigateTo($"/incidents/{incident.Number}");
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
