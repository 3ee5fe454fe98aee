using Lifeline.Directory.Availability;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.People;
using Lifeline.Directory.People.Csv;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;

namespace Lifeline.Directory;

public static class DirectorySetup
{
    public static IServiceCollection AddDirectory(this IServiceCollection services) =>
        services.AddSingleton<ContactValueRules>()
            .AddScoped<PersonDirectory>()
            .AddScoped<AvailabilityCalendar>()
            .AddScoped<RoleDirectory>()
            .AddScoped<TeamDirectory>()
            .AddScoped<ServiceAreaDirectory>()
            .AddScoped<ServiceCatalogue>()
            .AddScoped<OrganisationDirectory>()
            .AddScoped<PeopleCsvExport>()
            .AddSingleton<PeopleCsvImport>();

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api) =>
        api.MapPeopleApi().MapPeopleCsvApi().MapAvailabilityApi().MapRolesApi().MapTeamsApi().MapServiceAreasApi().MapServicesApi().MapOrganisationsApi();
}
