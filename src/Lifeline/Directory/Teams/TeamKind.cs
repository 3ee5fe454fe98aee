namespace Lifeline.Directory.Teams;

public enum TeamKind
{
    /// <summary>Level 1: takes the calls, opens tickets, starts escalation.</summary>
    HelpDesk,
    /// <summary>Level 2: a resolver group engaged by the incident manager.</summary>
    Resolver,
    Other,
}
