using Lifeline.Directory.Services;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>Every service area with its manager, default Level 2 teams and services; the list is <see cref="ServiceAreaDirectory.ListAsync"/>, as GET /api/v1/service-areas.</summary>
public partial class ServiceAreasPage
{
    [SupplyParameterFromQuery(Name = "removed")] private string? Removed { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private IReadOnlyList<ServiceAreaView> _areas = [];

    protected override async Task OnInitializedAsync() => _areas = await DirectoryChoices.ListAreasAsync(Session);
}
