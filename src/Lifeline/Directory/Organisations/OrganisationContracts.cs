namespace Lifeline.Directory.Organisations;

public sealed record OrganisationView(Guid Id, string Name, string? Description, bool IsVip);
public sealed record OrganisationRequest(string Name, string? Description, bool? IsVip);
