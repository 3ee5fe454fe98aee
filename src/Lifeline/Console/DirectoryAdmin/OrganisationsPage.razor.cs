using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Organisations;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// Customer organisations and their VIP flag, edited in place: every command goes through
/// <see cref="OrganisationDirectory"/> as the signed-in admin, exactly as /api/v1/organisations.
/// </summary>
public partial class OrganisationsPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<OrganisationView> _organisations = [];
    private Problem? _problem;
    private string? _done;

    private OrganisationView? _editing;
    private OrganisationFields _form = new();
    private Problem? _formProblem;
    private Problem? _removeProblem;

    private OrganisationFields _new = new();
    private Problem? _newProblem;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        var outcome = await Session.RunAsync<OrganisationDirectory, Outcome<Page<OrganisationView>>>((d, _) =>
            d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None));
        _organisations = outcome.Value?.Items ?? [];
        _problem = Problem.Of(outcome.Refusal);
    }

    private void StartEdit(OrganisationView organisation)
    {
        _done = null;
        _editing = organisation;
        _form = new() { Name = organisation.Name, Description = organisation.Description, IsVip = organisation.IsVip };
        (_formProblem, _removeProblem) = (null, null);
    }

    private async Task SaveAsync()
    {
        var editing = _editing!;
        _done = null;
        var request = new OrganisationRequest(_form.Name ?? "", _form.Description, _form.IsVip);
        var outcome = await Session.RunAsync<OrganisationDirectory, Outcome<OrganisationView>>((d, me) => d.UpdateAsync(me, editing.Id, request, CancellationToken.None));
        _formProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            _editing = null;
            await ReloadAsync();
            _done = $"Saved {saved.Name}{(saved.IsVip ? " (VIP)" : "")}.";
        }
    }

    private async Task CreateAsync()
    {
        _done = null;
        var request = new OrganisationRequest(_new.Name ?? "", _new.Description, _new.IsVip);
        var outcome = await Session.RunAsync<OrganisationDirectory, Outcome<OrganisationView>>((d, me) => d.CreateAsync(me, request, CancellationToken.None));
        _newProblem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } created)
        {
            _new = new();
            await ReloadAsync();
            _done = $"Created {created.Name}{(created.IsVip ? " (VIP)" : "")}.";
        }
    }

    private async Task RemoveAsync()
    {
        var editing = _editing!;
        var outcome = await Session.RunAsync<OrganisationDirectory, Outcome<Guid>>((d, me) => d.DeleteAsync(me, editing.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            _editing = null;
            await ReloadAsync();
            _done = $"Removed {editing.Name}.";
        }
    }

    /// <summary>An organisation's fields as a form holds them until saved.</summary>
    public sealed class OrganisationFields
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public bool IsVip { get; set; }
    }
}
