using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Console.Targets;
using Lifeline.Console.Widgets;
using Lifeline.Escalation.Policies;
using Lifeline.Notifications;
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
    private TargetChoices _choices = TargetChoices.None;

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
        if (_isAdmin && _choices.IsEmpty)
        {
            _choices = await TargetChoices.LoadAsync(Session);
        }
        _loaded = true;
    }

    private List<(Guid Id, string Name)> Choices(TargetKind kind) => [.. _choices.For(kind)];

    private static string KindName(TargetKind kind) => TargetChoices.KindName(kind);

    private static void SetKind(TargetForm target, ChangeEventArgs e) => TargetChoices.SetKind(target, e);

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
