namespace Lifeline.Severity;

/// <summary>A proposed severity and why; <see cref="RuleId"/> is null when no rule matched.</summary>
public sealed record Classification(int Severity, string Reason, Guid? RuleId, string? RuleName);
