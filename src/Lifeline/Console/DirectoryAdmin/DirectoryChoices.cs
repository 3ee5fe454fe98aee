using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Escalation.Policies;

namespace Lifeline.Console.DirectoryAdmin;

/// <summary>
/// What the directory forms offer in their lists (people, teams, areas, policies), read through the same services and
/// lists as the API's GETs; names and titles only, never a contact value.
/// </summary>
public sealed class DirectoryChoices
{
    private static readonly PageQuery All = new() { PageSize = PageQuery.MaxPageSize };

    public IReadOnlyList<PersonSummary> People { get; private init; } = [];
    public IReadOnlyList<TeamView> Teams { get; private init; } = [];
    public IReadOnlyList<ServiceAreaView> Areas { get; private init; } = [];
    public IReadOnlyList<EscalationPolicyView> Policies { get; private init; } = [];

    public static async Task<DirectoryChoices> PeopleAsync(ConsoleSession session) => new() { People = await ListPeopleAsync(session) };

    public static async Task<DirectoryChoices> PeopleAndTeamsAsync(ConsoleSession session) =>
        new() { People = await ListPeopleAsync(session), Teams = await ListTeamsAsync(session) };

    public static async Task<DirectoryChoices> AreasAndPoliciesAsync(ConsoleSession session) =>
        new() { Areas = await ListAreasAsync(session), Policies = await ListPoliciesAsync(session) };

    public static async Task<DirectoryChoices> PeopleAndPoliciesAsync(ConsoleSession session) =>
        new() { People = await ListPeopleAsync(session), Policies = await ListPoliciesAsync(session) };

    public static async Task<IReadOnlyList<PersonSummary>> ListPeopleAsync(ConsoleSession session) =>
        (await session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];

    public static async Task<IReadOnlyList<TeamView>> ListTeamsAsync(ConsoleSession session) =>
        (await session.RunAsync<TeamDirectory, Outcome<Page<TeamView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];

    public static async Task<IReadOnlyList<ServiceAreaView>> ListAreasAsync(ConsoleSession session) =>
        (await session.RunAsync<ServiceAreaDirectory, Outcome<Page<ServiceAreaView>>>((d, _) => d.ListAsync(All, CancellationToken.None))).Value?.Items ?? [];

    public static async Task<IReadOnlyList<EscalationPolicyView>> ListPoliciesAsync(ConsoleSession session) =>
        (await session.RunAsync<EscalationPolicyCatalogue, Page<EscalationPolicyView>>((c, _) => c.ListAsync(All, CancellationToken.None))).Items;

    /// <summary>"Name (Title)", as a person is told apart from a namesake in a list.</summary>
    public static string Label(PersonSummary p) => p.Title is null ? p.Name : $"{p.Name} ({p.Title})";
}
