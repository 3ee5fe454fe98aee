namespace Lifeline.Escalation;

/// <summary>The engine jobs the escalation module schedules and carries out (kept as text in each job: never rename one).</summary>
public static class EscalationJobKinds
{
    /// <summary>Page one tier of an escalation run (cycle and tier in the job).</summary>
    public const string Step = "EscalationStep";

    /// <summary>The last tier's wait is over and nobody answered.</summary>
    public const string Exhausted = "EscalationExhausted";
}
