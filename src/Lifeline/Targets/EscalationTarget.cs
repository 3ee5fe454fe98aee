namespace Lifeline.Targets;

/// <summary>One target: a kind and, for Person, Role, Team, Schedule and ChatChannel, the id it names.</summary>
public sealed record EscalationTarget(TargetKind Kind, Guid? Id = null)
{
    public bool NeedsId => Kind is TargetKind.Person or TargetKind.Role or TargetKind.Team or TargetKind.Schedule or TargetKind.ChatChannel;
}
