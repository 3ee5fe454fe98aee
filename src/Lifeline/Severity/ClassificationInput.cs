namespace Lifeline.Severity;

/// <summary>What a classification rule looks at: the service's flags, the reach and the state of the problem.</summary>
public sealed record ClassificationInput(string ServiceName, bool MajorEnterpriseService, bool PublicFacing,
    ImpactScope Scope, ServiceState State, bool VipAffected, string? OrganisationName);
