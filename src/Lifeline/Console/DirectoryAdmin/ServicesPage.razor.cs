using Lifeline.Api;
using Lifeline.Directory.Services;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>Every service with its area, flags and escalation policy; the list is <see cref="ServiceCatalogue.ListAsync"/>, as GET /api/v1/services.</summary>
public partial class ServicesPage
{
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<ServiceView> _services = [];
    private Dictionary<Guid, string> _policies = [];

    protected override async Task OnInitializedAsync()
    {
        _services = (await Session.RunAsync<ServiceCatalogue, Outcome<Page<ServiceView>>>((c, _) =>
            c.ListAsync(new PageQuery { PageSize = PageQuery.MaxPageSize }, CancellationToken.None))).Value?.Items ?? [];
        _policies = (await DirectoryChoices.ListPoliciesAsync(Session)).ToDictionary(p => p.Id, p => p.Name);
    }
}
