using Lifeline.Communication;
using Lifeline.Console.Policies;
using Lifeline.Notifications;
using Lifeline.Shifts;
using Lifeline.Targets;

namespace Lifeline.Console.Communication;

/// <summary>
/// What the plan editor's fields hold; turned into the API's <see cref="CommunicationPlanRequest"/> unchanged, so
/// <see cref="CommunicationPlanCatalogue"/>'s validation (and its field names, shown beside the fields) is the only judge.
/// </summary>
public sealed class PlanForm
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public HashSet<int> Severities { get; set; } = [1];
    public bool IsEnabled { get; set; } = true;
    public List<RuleForm> Rules { get; set; } = [new()];

    public static PlanForm Of(CommunicationPlanView plan) => new()
    {
        Name = plan.Name,
        Description = plan.Description,
        Severities = [.. plan.Severities],
        IsEnabled = plan.IsEnabled,
        Rules = [.. plan.Rules.Select(r => new RuleForm
        {
            Event = r.Event,
            Shift = r.Shift,
            Recipients = [.. r.Recipients.Select(x => new TargetForm { Kind = x.Kind, Id = x.Id })],
            Channel = r.Channel,
            Fallback = r.Fallback,
            Instruction = r.Instruction,
        })],
    };

    public CommunicationPlanRequest Request() => new(Name, Description, [.. Severities.Order()], IsEnabled,
        [.. Rules.Select(r => new CommunicationRuleRequest(r.Event, r.Shift,
            [.. r.Recipients.Select(x => new EscalationTarget(x.Kind, x.NeedsId ? x.Id : null))], r.Channel, r.Fallback, r.Instruction))]);
}

/// <summary>One rule in the editor: on an event, in a shift (null: any), the recipients, by a channel with a fallback.</summary>
public sealed class RuleForm
{
    public CommunicationEvent Event { get; set; } = CommunicationEvent.EscalationStarted;
    public ShiftKind? Shift { get; set; }
    public List<TargetForm> Recipients { get; set; } = [new()];
    public NotificationChannel Channel { get; set; } = NotificationChannel.Email;
    public NotificationChannel? Fallback { get; set; }
    public string? Instruction { get; set; }
}
