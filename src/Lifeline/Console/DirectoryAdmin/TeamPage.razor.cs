using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.Teams;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// An admin creates, changes or removes a team: its kind, desk phone and mailbox, how it is paged, its members and
/// leads. Saving goes through <see cref="TeamDirectory"/> as the signed-in admin, exactly as PUT /api/v1/teams/{id}.
/// </summary>
public partial class TeamPage
{
    [Parameter] public Guid? Id { get; set; }
    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private TeamView? _team;
    private bool _loaded;
    private DirectoryChoices _choices = new();
    private Problem? _problem;
    private Problem? _removeProblem;
    private string? _done;

    private string? _name;
    private string? _description;
    private TeamKind _kind = TeamKind.Resolver;
    private string? _phone;
    private string? _email;
    private string? _policyId;
    private List<MemberRow> _members = [];
    private string? _adding;

    protected override async Task OnParametersSetAsync()
    {
        (_problem, _removeProblem, _done) = (null, null, null);
        _choices = await DirectoryChoices.PeopleAndPoliciesAsync(Session);
        _team = Id is { } id ? (await Session.RunAsync<TeamDirectory, Outcome<TeamView>>((d, _) => d.GetAsync(id, CancellationToken.None))).Value : null;
        _name = _team?.Name;
        _description = _team?.Description;
        _kind = _team?.Kind ?? TeamKind.Resolver;
        _phone = _team?.Phone;
        _email = _team?.Email;
        _policyId = _team?.EscalationPolicyId?.ToString();
        _members = _team?.Members.Select(m => new MemberRow(m.PersonId) { IsLead = m.IsLead }).ToList() ?? [];
        _done = Created && _team is not null ? $"Created {_team.Name}." : null;
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = new TeamRequest(_name ?? "", _description, _kind, _phone, _email,
            [.. _members.Select(m => new TeamMemberRequest(m.PersonId, m.IsLead))], Guid.TryParse(_policyId, out var policy) ? policy : null);
        var outcome = _team is { } team
            ? await Session.RunAsync<TeamDirectory, Outcome<TeamView>>((d, me) => d.UpdateAsync(me, team.Id, request, CancellationToken.None))
            : await Session.RunAsync<TeamDirectory, Outcome<TeamView>>((d, me) => d.CreateAsync(me, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (_team is null)
        {
            Navigation.NavigateTo($"/directory/teams/{saved.Id}?created=true");
            return;
        }
        _team = saved;
        _done = $"Saved {saved.Name}: {(saved.Members.Count == 0 ? "no members" : string.Join(", ", saved.Members.Select(m => m.IsLead ? $"{m.Name} (lead)" : m.Name)))}.";
    }

    private async Task RemoveAsync()
    {
        var team = _team!;
        var outcome = await Session.RunAsync<TeamDirectory, Outcome<Guid>>((d, me) => d.DeleteAsync(me, team.Id, CancellationToken.None));
        _removeProblem = Problem.Of(outcome.Refusal);
        if (outcome.Refusal is null)
        {
            Navigation.NavigateTo($"/directory/teams?removed={Uri.EscapeDataString(team.Name)}");
        }
    }

    private void AddMember()
    {
        if (Guid.TryParse(_adding, out var id) && !_members.Exists(m => m.PersonId == id))
        {
            _members.Add(new MemberRow(id));
        }
        _adding = null;
    }

    private string NameOf(Guid personId) =>
        _choices.People.FirstOrDefault(p => p.Id == personId)?.Name ?? _team?.Members.FirstOrDefault(m => m.PersonId == personId)?.Name ?? "(unknown person)";

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;

    internal static string KindName(TeamKind kind) => kind switch
    {
        TeamKind.HelpDesk => "Help desk (Level 1)",
        TeamKind.Resolver => "Resolver group (Level 2)",
        _ => "Other",
    };

    /// <summary>A member as the form holds them until the team is saved.</summary>
    private sealed class MemberRow(Guid personId)
    {
        public Guid PersonId { get; } = personId;
        public bool IsLead { get; set; }
    }
}
