using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.People;

/// <summary>
/// The directory, read-only, for everyone signed in. Opening a person reads their contact methods through
/// <see cref="PersonDirectory.GetAsync"/>: masked for roles not entitled to them, and each read in clear in the access log.
/// </summary>
public partial class DirectoryPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }

    private static readonly PageQuery All = new() { PageSize = PageQuery.MaxPageSize };

    private Actor? _actor;
    private string? _search;
    private IReadOnlyList<PersonSummary> _people = [];
    private IReadOnlyList<RoleView> _roles = [];
    private IReadOnlyList<TeamView> _teams = [];
    private IReadOnlyList<ServiceView> _services = [];
    private IReadOnlyList<ServiceAreaView> _areas = [];
    private PersonDetails? _open;
    private bool _isAdmin;

    protected override async Task OnInitializedAsync()
    {
        _actor = await Session.ActorAsync();
        _isAdmin = _actor.IsInRole(LifelineRoles.Admin);
        _people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];
        _roles = (await Session.RunAsync<RoleDirectory, Outcome<Page<RoleView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];
        _teams = (await Session.RunAsync<TeamDirectory, Outcome<Page<TeamView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];
        _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];
        _areas = (await Session.RunAsync<ServiceAreaDirectory, Outcome<Page<ServiceAreaView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];
    }

    private async Task ShowAsync(Guid personId)
    {
        if (_open?.Id == personId)
        {
            _open = null;
            return;
        }
        _open = (await Session.RunAsync<PersonDirectory, Outcome<PersonDetails>>((d, viewer) => d.GetAsync(viewer, personId, CancellationToken.None))).Value;
    }

    private bool Matches(params string?[] texts) =>
        string.IsNullOrWhiteSpace(_search) || texts.Any(t => t is not null && t.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private IEnumerable<PersonSummary> People => _people.Where(p => Matches(p.Name, p.Title));

    private IEnumerable<RoleView> Roles => _roles.Where(r => Matches([r.Name, r.Responsibilities, .. r.Holders.Select(h => h.Name)]));

    private IEnumerable<TeamView> Teams => _teams.Where(t => Matches([t.Name, t.Description, .. t.Members.Select(m => m.Name)]));

    private IEnumerable<ServiceView> Services => _services.Where(s => Matches(s.Name, s.ServiceArea, s.Description));

    private IEnumerable<ServiceAreaView> Areas => _areas.Where(a => Matches([a.Name, a.Manager.Name, .. a.Services]) || Services.Any(s => s.ServiceAreaId == a.Id));
}
