using Lifeline.Directory.Teams;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>Every team with its members and leads, for an admin to open one; the list is <see cref="TeamDirectory.ListAsync"/>, as GET /api/v1/teams.</summary>
public partial class TeamsPage
{
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<TeamView> _teams = [];

    protected override async Task OnInitializedAsync() => _teams = await DirectoryChoices.ListTeamsAsync(Session);
}
