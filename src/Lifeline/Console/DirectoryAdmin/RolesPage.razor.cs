using Lifeline.Api;
using Lifeline.Directory.Roles;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>Every role and its holders in order, for an admin to open one; the list is <see cref="RoleDirectory.ListAsync"/>, as GET /api/v1/roles.</summary>
public partial class RolesPage
{
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<RoleView> _roles = [];

    protected override async Task OnInitializedAsync() =>
        _roles = (await Session.RunAsync<RoleDirectory, Outcome<Page<RoleView>>>((d, _) =>
            d.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
}
