using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Roles;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// An admin creates, changes or removes a role: its name, responsibilities and holders in order (primary, then
/// backups). Saving goes through <see cref="RoleDirectory"/> as the signed-in admin, exactly as PUT /api/v1/roles/{id}.
/// </summary>
public partial class RolePage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private RoleView? _role;
    private bool _loaded;
    private DirectoryChoices _choices = new();
    private Problem? _problem;
    private Problem? _removeProblem;
    private string? _done;

    private string? _name;
    private string? _responsibilities;
    private List<Guid> _holders = [];
    private string? _adding;

    protected override async Task OnParametersSetAsync()
    {
        (_problem, _removeProblem, _done) = (null, null, null);
        _choices = await DirectoryChoices.PeopleAsync(Session);
        _role = Id is { } id ? (await Session.RunAsync<RoleDirectory, Outcome<RoleView>>((d, _) => d.GetAsync(id, CancellationToken.None))).Value : null;
        _name = _role?.Name;
        _responsibilities = _role?.Responsibilities;
        _holders = _role?.Holders.OrderBy(h => h.Position).Select(h => h.PersonId).ToList() ?? [];
        _done = Created && _role is not null ? $"Created {_role.Name}." : null;
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = new RoleRequest(_name ?? "", _responsibilities, [.. _holders]);
        var outcome = _role is { } role
            ? await Session.RunAsync<RoleDirectory, Outcome<RoleView>>((d, me) => d.UpdateAsync(me, role.Id, request, CancellationToken.None))
            : await Session.RunAsync<RoleDirectory, Outcome<RoleView>>((d, me) => d.CreateAsync(me, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (_role is null)
        {
            Navigation.NavigateTo($"/directory/roles/{saved.Id}?created=true");
            return;
        }
        _role = saved;
        _done = $"Saved {saved.Name}: {(saved.Holders.Count == 0 ? "no holders" : string.Join(", ", saved.Holders.Select(h => h.Name)))}.";
    }

    private async Task RemoveAsync()
    {
        var role = _role!;
        var outcome = await Session.RunAsync<RoleDirectory, Outcome<Guid>>((d, me) => d.DeleteAsync(me, role.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/directory/roles?removed={Uri.EscapeDataString(role.Name)}");
        }
    }

    private void AddHolder()
    {
        if (Guid.TryParse(_adding, out var id) && !_holders.Contains(id))
        {
            _holders.Add(id);
        }
        _adding = null;
    }

    private void Move(int index, int by) => (_holders[index], _holders[index + by]) = (_holders[index + by], _holders[index]);

    private string NameOf(Guid personId) =>
        _choices.People.FirstOrDefault(p => p.Id == personId)?.Name ?? _role?.Holders.FirstOrDefault(h => h.PersonId == personId)?.Name ?? "(unknown person)";

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
