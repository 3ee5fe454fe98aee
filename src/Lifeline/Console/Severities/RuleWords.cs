using Lifeline.Severity;

namespace Lifeline.Console.Severities;

/// <summary>A rule's conditions as a sentence, for people who do not read "MinimumScope: SmallGroup".</summary>
internal static class RuleWords
{
    public static string Conditions(ClassificationRuleView rule)
    {
        var parts = new List<string>();
        if (rule.MajorEnterpriseService is { } major)
        {
            parts.Add(major ? "the service is a major enterprise service" : "the service is not a major enterprise service");
        }
        if (rule.PublicFacing is { } publicFacing)
        {
            parts.Add(publicFacing ? "the service is public facing" : "the service is not public facing");
        }
        if (rule.VipAffected is { } vip)
        {
            parts.Add(vip ? "a VIP organisation is affected" : "no VIP organisation is affected");
        }
        if (rule.State is { } state)
        {
            parts.Add(state == ServiceState.Down ? "it is down" : "it is degraded");
        }
        if (rule.MinimumScope is { } scope)
        {
            parts.Add($"it reaches {Scope(scope)}");
        }
        return parts.Count == 0 ? "Always (catches everything the rules above did not)." : $"When {string.Join(" and ", parts)}.";
    }

    public static string Scope(ImpactScope scope) => scope switch
    {
        ImpactScope.SingleUser => "at least a single user",
        ImpactScope.SmallGroup => "at least a small group of users",
        _ => "the majority of users or all",
    };

    public static string StateName(ServiceState state) => state == ServiceState.Down ? "Down" : "Degraded";

    public static string ScopeName(ImpactScope scope) => scope switch
    {
        ImpactScope.SingleUser => "A single user",
        ImpactScope.SmallGroup => "A small group of users",
        _ => "The majority of users, or all",
    };
}
