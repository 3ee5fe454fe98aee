using Lifeline.Severity;

namespace Lifeline.Console.Severities;

/// <summary>A classification rule as its form holds it; a yes/no condition is "any", "yes" or "no", since a rule may not care.</summary>
internal sealed class RuleForm
{
    public Guid? Id { get; init; }
    public int? Order { get; set; }
    public string Name { get; set; } = "";
    public string Major { get; set; } = Any;
    public string PublicFacing { get; set; } = Any;
    public string Vip { get; set; } = Any;
    public ServiceState? State { get; set; }
    public ImpactScope? MinimumScope { get; set; }
    public int? Severity { get; set; }
    public string Reason { get; set; } = "";

    public const string Any = "any";

    public static RuleForm New(int order) => new() { Order = order };

    public static RuleForm Of(ClassificationRuleView rule) => new()
    {
        Id = rule.Id,
        Order = rule.Order,
        Name = rule.Name,
        Major = Words(rule.MajorEnterpriseService),
        PublicFacing = Words(rule.PublicFacing),
        Vip = Words(rule.VipAffected),
        State = rule.State,
        MinimumScope = rule.MinimumScope,
        Severity = rule.Severity,
        Reason = rule.Reason,
    };

    public ClassificationRuleRequest Request() => new(Order, Name, Flag(Major), Flag(PublicFacing), Flag(Vip), State, MinimumScope, Severity, Reason);

    private static string Words(bool? flag) => flag switch { true => "yes", false => "no", null => Any };

    private static bool? Flag(string words) => words switch { "yes" => true, "no" => false, _ => null };
}
