using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Services;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// An admin creates, changes or removes a service area: its manager, default Level 2 teams and conference bridge.
/// Saving goes through <see cref="ServiceAreaDirectory"/> as the signed-in admin, exactly as PUT /api/v1/service-areas/{id}.
/// </summary>
public partial class ServiceAreaPage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ServiceAreaView? _area;
    private bool _loaded;
    private DirectoryChoices _choices = new();
    private Problem? _problem;
    private Problem? _removeProblem;
    private string? _done;

    private string? _name;
    private string? _description;
    private string? _managerId;
    private HashSet<Guid> _teamIds = [];
    private string? _dialIn;
    private string? _pin;
    private string? _link;

    protected override async Task OnParametersSetAsync()
    {
        (_problem, _removeProblem, _done) = (null, null, null);
        _choices = await DirectoryChoices.PeopleAndTeamsAsync(Session);
        _area = Id is { } id ? (await Session.RunAsync<ServiceAreaDirectory, Outcome<ServiceAreaView>>((d, _) => d.GetAsync(id, CancellationToken.None))).Value : null;
        _name = _area?.Name;
        _description = _area?.Description;
        _managerId = _area?.Manager.Id.ToString();
        _teamIds = [.. _area?.DefaultTeams.Select(t => t.Id) ?? []];
        (_dialIn, _pin, _link) = (_area?.BridgeDialIn, _area?.BridgePin, _area?.BridgeLink);
        _done = Created && _area is not null ? $"Created {_area.Name}." : null;
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = new ServiceAreaRequest(_name ?? "", _description, Guid.TryParse(_managerId, out var manager) ? manager : null,
            [.. _choices.Teams.Where(t => _teamIds.Contains(t.Id)).Select(t => t.Id)], _dialIn, _pin, _link);
        var outcome = _area is { } area
            ? await Session.RunAsync<ServiceAreaDirectory, Outcome<ServiceAreaView>>((d, me) => d.UpdateAsync(me, area.Id, request, CancellationToken.None))
            : await Session.RunAsync<ServiceAreaDirectory, Outcome<ServiceAreaView>>((d, me) => d.CreateAsync(me, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (_area is null)
        {
            Navigation.NavigateTo($"/directory/service-areas/{saved.Id}?created=true");
            return;
        }
        _area = saved;
        _done = $"Saved {saved.Name}: managed by {saved.Manager.Name}.";
    }

    private async Task RemoveAsync()
    {
        var area = _area!;
        var outcome = await Session.RunAsync<ServiceAreaDirectory, Outcome<Guid>>((d, me) => d.DeleteAsync(me, area.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/directory/service-areas?removed={Uri.EscapeDataString(area.Name)}");
        }
    }

    private void Toggle(Guid teamId, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _teamIds.Add(teamId);
        }
        else
        {
            _teamIds.Remove(teamId);
        }
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
