namespace Lifeline.Severity;

/// <summary>How many users a problem reaches; ordered from least to most, so rules can say "at least".</summary>
public enum ImpactScope
{
    SingleUser = 1,
    SmallGroup = 2,
    MajorityOrTotal = 3,
}
