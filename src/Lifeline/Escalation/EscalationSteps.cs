using Lifeline.Escalation.Policies;

namespace Lifeline.Escalation;

/// <summary>Where an escalation stands in its policy: the repeat (0 for the first pass) and the tier (0-based).</summary>
public readonly record struct EscalationStep(int Cycle, int Tier);

/// <summary>
/// The order an escalation goes through its policy, and how long a tier waits, for the engine
/// (<see cref="TierPager"/>) and the dry run (<see cref="Policies.EscalationDryRun"/>) alike: one copy of the rule.
/// </summary>
public static class EscalationSteps
{
    /// <returns>The next tier, the first tier of the next repeat, or null when the escalation ends unanswered.</returns>
    public static EscalationStep? After(PolicySnapshot policy, EscalationStep step) =>
        step.Tier + 1 < policy.Tiers.Count ? new EscalationStep(step.Cycle, step.Tier + 1)
        : step.Cycle < policy.RepeatCount ? new EscalationStep(step.Cycle + 1, 0)
        : null;

    /// <summary>A tier that reached nobody is not waited out: nobody can answer it, so the next step comes at once.</summary>
    public static TimeSpan WaitAfter(EscalationTier tier, bool reachedAnyone) => reachedAnyone ? tier.Wait : TimeSpan.Zero;

    /// <summary>How the timeline says what comes next.</summary>
    public static string Describe(PolicySnapshot policy, EscalationStep? next) => next switch
    {
        null => "the escalation ends unanswered",
        { Tier: 0 } repeat => $"the policy repeats from tier 1 (repeat {repeat.Cycle} of {policy.RepeatCount})",
        { } tier => $"tier {tier.Tier + 1} is paged",
    };
}
