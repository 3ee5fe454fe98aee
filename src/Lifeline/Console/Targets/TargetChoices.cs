using Lifeline.Api;
using Lifeline.Chat;
using Lifeline.Console.Policies;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Teams;
using Lifeline.Schedules;
using Lifeline.Targets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Targets;

/// <summary>
/// What each kind of target can name in an editor (people, roles, teams, schedules, chat channels), from the same directory reads as the
/// API's lists; shared by the escalation policy and communication plan editors.
/// </summary>
public sealed class TargetChoices
{
    private readonly Dictionary<TargetKind, List<(Guid Id, string Name)>> _choices;

    private TargetChoices(Dictionary<TargetKind, List<(Guid Id, string Name)>> choices) => _choices = choices;

    public static TargetChoices None { get; } = new([]);

    public static async Task<TargetChoices> LoadAsync(ConsoleSession session)
    {
        var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
        var people = (await session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var roles = (await session.RunAsync<RoleDirectory, Outcome<Page<RoleView>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var teams = (await session.RunAsync<TeamDirectory, Outcome<Page<TeamView>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var schedules = (await session.RunAsync<ScheduleCatalogue, Outcome<Page<ScheduleSummary>>>((c, _) => c.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var channels = await session.RunAsync<ChatChannelCatalogue, IReadOnlyList<ChatChannelView>>((c, actor) => c.ListAsync(actor, CancellationToken.None));
        return new(new()
        {
            [TargetKind.Person] = [.. people.Select(p => (p.Id, p.Title is null ? p.Name : $"{p.Name} ({p.Title})"))],
            [TargetKind.Role] = [.. roles.Select(r => (r.Id, r.Name))],
            [TargetKind.Team] = [.. teams.Select(t => (t.Id, t.Name))],
            [TargetKind.Schedule] = [.. schedules.Select(s => (s.Id, s.Name))],
            [TargetKind.ChatChannel] = [.. channels.Select(c => (c.Id, $"#{TargetNames.Slug(c.Name)} ({c.Platform})"))],
        });
    }

    public bool IsEmpty => _choices.Count == 0;

    public IReadOnlyList<(Guid Id, string Name)> For(TargetKind kind) => _choices.GetValueOrDefault(kind) ?? [];

    public static string KindName(TargetKind kind) => kind switch
    {
        TargetKind.ServiceAreaManager => "Service area manager",
        TargetKind.IncidentManager => "Incident manager",
        TargetKind.ChatChannel => "Chat channel",
        _ => kind.ToString(),
    };

    /// <summary>A kind chosen in a select: a new kind forgets the id chosen for the old one.</summary>
    public static void SetKind(TargetForm target, ChangeEventArgs e)
    {
        if (Enum.TryParse<TargetKind>(e.Value?.ToString(), out var kind) && kind != target.Kind)
        {
            target.Kind = kind;
            target.Id = null;
        }
    }
}
