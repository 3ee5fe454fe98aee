using Lifeline.Targets;

namespace Lifeline.Console.Policies;

/// <summary>One target in the editor: its kind and, for a person, role, team or schedule, which one.</summary>
public sealed class TargetForm
{
    public TargetKind Kind { get; set; } = TargetKind.Role;
    public Guid? Id { get; set; }
    public bool NeedsId => new EscalationTarget(Kind).NeedsId;
}
