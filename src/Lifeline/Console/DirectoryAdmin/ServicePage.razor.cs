using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// An admin creates, changes or removes a service: its area, flags and escalation policy. Saving goes through
/// <see cref="ServiceCatalogue"/> as the signed-in admin, exactly as PUT /api/v1/services/{id}.
/// </summary>
public partial class ServicePage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ServiceView? _service;
    private bool _loaded;
    private DirectoryChoices _choices = new();
    private Problem? _problem;
    private Problem? _removeProblem;
    private string? _done;

    private string? _name;
    private string? _description;
    private string? _areaId;
    private string? _policyId;
    private bool _major;
    private bool _publicFacing;
    private bool _onStatusPage;

    protected override async Task OnParametersSetAsync()
    {
        (_problem, _removeProblem, _done) = (null, null, null);
        _choices = await DirectoryChoices.AreasAndPoliciesAsync(Session);
        _service = Id is { } id ? (await Session.RunAsync<ServiceCatalogue, Outcome<ServiceView>>((c, _) => c.GetAsync(id, CancellationToken.None))).Value : null;
        _name = _service?.Name;
        _description = _service?.Description;
        _areaId = _service?.ServiceAreaId.ToString();
        _policyId = _service?.EscalationPolicyId?.ToString();
        (_major, _publicFacing, _onStatusPage) = (_service?.IsMajorEnterpriseService ?? false, _service?.IsPublicFacing ?? false, _service?.OnPublicStatusPage ?? false);
        _done = Created && _service is not null ? $"Created {_service.Name}." : null;
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = new ServiceRequest(_name ?? "", _description, Guid.TryParse(_areaId, out var area) ? area : null, _major, _publicFacing,
            Guid.TryParse(_policyId, out var policy) ? policy : null, _onStatusPage);
        var outcome = _service is { } service
            ? await Session.RunAsync<ServiceCatalogue, Outcome<ServiceView>>((c, me) => c.UpdateAsync(me, service.Id, request, CancellationToken.None))
            : await Session.RunAsync<ServiceCatalogue, Outcome<ServiceView>>((c, me) => c.CreateAsync(me, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (_service is null)
        {
            Navigation.NavigateTo($"/directory/services/{saved.Id}?created=true");
            return;
        }
        _service = saved;
        _done = $"Saved {saved.Name} in {saved.ServiceArea}.";
    }

    private async Task RemoveAsync()
    {
        var service = _service!;
        var outcome = await Session.RunAsync<ServiceCatalogue, Outcome<Guid>>((c, me) => c.DeleteAsync(me, service.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/directory/services?removed={Uri.EscapeDataString(service.Name)}");
        }
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
