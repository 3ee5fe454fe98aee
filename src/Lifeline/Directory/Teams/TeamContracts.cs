namespace Lifeline.Directory.Teams;

public sealed record TeamMemberView(Guid PersonId, string Name, string? Title, bool IsLead);
public sealed record TeamView(Guid Id, string Name, string? Description, TeamKind Kind, string? Phone, string? Email, Guid? EscalationPolicyId, IReadOnlyList<TeamMemberView> Members);
public sealed record TeamMemberRequest(Guid PersonId, bool IsLead);
/// <summary><c>EscalationPolicyId</c>: how the team is paged as Level 2; null pages every member at once.</summary>
public sealed record TeamRequest(string Name, string? Description, TeamKind? Kind, string? Phone, string? Email, IReadOnlyList<TeamMemberRequest>? Members, Guid? EscalationPolicyId = null);
