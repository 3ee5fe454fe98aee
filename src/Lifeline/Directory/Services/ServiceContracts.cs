namespace Lifeline.Directory.Services;

public sealed record PersonRef(Guid Id, string Name);
public sealed record TeamRef(Guid Id, string Name);
public sealed record ServiceAreaView(Guid Id, string Name, string? Description, PersonRef Manager, IReadOnlyList<TeamRef> DefaultTeams, IReadOnlyList<string> Services,
    string? BridgeDialIn, string? BridgePin, string? BridgeLink);
public sealed record ServiceAreaRequest(string Name, string? Description, Guid? ManagerId, IReadOnlyList<Guid>? DefaultTeamIds,
    string? BridgeDialIn = null, string? BridgePin = null, string? BridgeLink = null);
public sealed record ServiceView(Guid Id, string Name, string? Description, Guid ServiceAreaId, string ServiceArea, bool IsMajorEnterpriseService, bool IsPublicFacing, Guid? EscalationPolicyId,
    bool OnPublicStatusPage);
/// <summary>
/// <c>EscalationPolicyId</c> null means the default policy. <c>OnPublicStatusPage</c> null keeps what the service had
/// (off for a new one): true shows the service's current incidents on the anonymous status page.
/// </summary>
public sealed record ServiceRequest(string Name, string? Description, Guid? ServiceAreaId, bool? IsMajorEnterpriseService, bool? IsPublicFacing, Guid? EscalationPolicyId = null,
    bool? OnPublicStatusPage = null);
