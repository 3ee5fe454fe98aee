namespace Lifeline.Targets;

/// <summary>A person a target resolved to, with how (e.g. "holds Incident Manager 1", "stand-in for Aisha Karim").</summary>
public sealed record ResolvedTarget(Guid PersonId, string PersonName, string Via);

/// <summary>Someone a target named but who is not reached, and why ("out of office until 2026-11-30").</summary>
public sealed record SkippedTarget(Guid? PersonId, string Description, string Reason);

public sealed record TargetResolution(IReadOnlyList<ResolvedTarget> People, IReadOnlyList<SkippedTarget> Skipped);
