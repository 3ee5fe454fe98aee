namespace Lifeline.Severity;

public sealed record SeverityLevelView(int Level, string Name, string Definition, IReadOnlyList<string> Examples,
    int AcknowledgeWithinMinutes, int StatusUpdateEveryMinutes, int ResolveWithinMinutes, SeverityProcedure Procedure);
public sealed record SeverityLevelRequest(string Name, string Definition, IReadOnlyList<string>? Examples,
    int? AcknowledgeWithinMinutes, int? StatusUpdateEveryMinutes, int? ResolveWithinMinutes, SeverityProcedure? Procedure);
public sealed record ClassifyRequest(Guid? ServiceId, ImpactScope? ImpactScope, ServiceState? ServiceState, Guid? OrganisationId);
public sealed record ClassificationView(int Severity, string SeverityName, SeverityProcedure Procedure, string Reason, Guid? RuleId, string? RuleName);
public sealed record ClassificationRuleView(Guid Id, int Order, string Name, bool? MajorEnterpriseService, bool? PublicFacing, bool? VipAffected,
    ServiceState? State, ImpactScope? MinimumScope, int Severity, string Reason);
public sealed record ClassificationRuleRequest(int? Order, string Name, bool? MajorEnterpriseService, bool? PublicFacing, bool? VipAffected,
    ServiceState? State, ImpactScope? MinimumScope, int? Severity, string Reason);
/// <summary>Moves a rule one place earlier ("up") or later ("down") in the order the rules are tried.</summary>
public sealed record ClassificationRuleMoveRequest(string? Direction);
