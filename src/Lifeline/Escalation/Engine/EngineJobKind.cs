namespace Lifeline.Escalation.Engine;

public enum EngineJobKind
{
    /// <summary>Page one tier of an escalation run (cycle and tier in the job).</summary>
    EscalationStep,
    /// <summary>The last tier's wait is over and nobody answered.</summary>
    EscalationExhausted,
    /// <summary>Has the incident been acknowledged within its severity's target?</summary>
    AcknowledgeTarget,
    /// <summary>Has the incident been resolved within its severity's target?</summary>
    ResolveTarget,
    /// <summary>Has a status update been posted within the update interval?</summary>
    UpdateDue,
}
