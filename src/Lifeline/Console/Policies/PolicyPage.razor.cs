using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Teams;
using Lifeline.Escalation.Policies;
using Lifeline.Notifications;
using Lifeline.Schedules;
using Lifeline.Targets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Policies;

/// <summary>
/// One escalation policy: the chain as the procedure reads it for everyone signed in, the editor for admins, and the
/// dry run. Saving goes through <see cref="EscalationPolicyCatalogue"/> as the signed-in person, exactly as the API's
/// PUT does; its validation messages are shown beside the fields they name.
/// </summary>
public partial class PolicyPage
{
    [Parameter] public Guid? Id { get; set; }
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private EscalationPolicyView? _policy;
    private bool _loaded;
    private bool _isAdmin;
    private PolicyForm _form = new();
    private Problem? _problem;
    private string? _done;
    private Dictionary<TargetKind, List<(Guid Id, string Name)>> _choices = [];

    protected override async Task OnParametersSetAsync()
    {
        var actor = await Session.ActorAsync();
        _isAdmin = actor.IsInRole(LifelineRoles.Admin);
        _problem = null;
        _done = null;
        if (Id is { } id)
        {
            _policy = (await Session.RunAsync<EscalationPolicyCatalogue, Outcome<EscalationPolicyView>>((c, _) => c.GetAsync(id, CancellationToken.None))).Value;
            _form = _policy is null ? new() : PolicyForm.Of(_policy);
        }
        else
        {
            _policy = null;
            _form = new();
        }
        if (_isAdmin && _choices.Count == 0)
        {
            await LoadChoicesAsync();
        }
        _loaded = true;
    }

    /// <summary>What each kind of target can name, from the same directory reads as the API's lists.</summary>
    private async Task LoadChoicesAsync()
    {
        var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
        var people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var roles = (await Session.RunAsync<RoleDirectory, Outcome<Page<RoleView>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var teams = (await Session.RunAsync<TeamDirectory, Outcome<Page<TeamView>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        var schedules = (await Session.RunAsync<ScheduleCatalogue, Outcome<Page<ScheduleSummary>>>((c, _) => c.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
        _choices = new()
        {
            [TargetKind.Person] = [.. people.Select(p => (p.Id, p.Title is null ? p.Name : $"{p.Name} ({p.Title})"))],
            [TargetKind.Role] = [.. roles.Select(r => (r.Id, r.Name))],
            [TargetKind.Team] = [.. teams.Select(t => (t.Id, t.Name))],
            [TargetKind.Schedule] = [.. schedules.Select(s => (s.Id, s.Name))],
        };
    }

    private List<(Guid Id, string Name)> Choices(TargetKind kind) => _choices.GetValueOrDefault(kind) ?? [];

    private static string KindName(TargetKind kind) => kind switch
    {
        TargetKind.ServiceAreaManager => "Service area manager",
        TargetKind.IncidentManager => "Incident manager",
        _ => kind.ToString(),
    };

    private static void SetKind(TargetForm target, ChangeEventArgs e)
    {
        if (Enum.TryParse<TargetKind>(e.Value?.ToString(), out var kind) && kind != target.Kind)
        {
            target.Kind = kind;
            target.Id = null;
        }
    }

    private static void AddChannel(TierForm tier, ChangeEventArgs e)
    {
        if (Enum.TryParse<NotificationChannel>(e.Value?.ToString(), out var channel) && !tier.Channels.Contains(channel))
        {
            tier.Channels.Add(channel);
        }
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = _form.Request();
        var outcome = Id is { } id
            ? await Session.RunAsync<EscalationPolicyCatalogue, Outcome<EscalationPolicyView>>((c, actor) => c.UpdateAsync(actor, id, request, CancellationToken.None))
            : await Session.RunAsync<EscalationPolicyCatalogue, Outcome<EscalationPolicyView>>((c, actor) => c.CreateAsync(actor, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is not { } saved)
        {
            return;
        }
        if (Id is null)
        {
            Navigation.NavigateTo($"/policies/{saved.Id}");
            return;
        }
        _policy = saved;
        _form = PolicyForm.Of(saved);
        _done = "Saved. Escalations that start from now on use this policy.";
    }

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
