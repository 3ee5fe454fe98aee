namespace Lifeline.Directory.Roles;

public sealed record RoleHolderView(Guid PersonId, string Name, string? Title, int Position);
public sealed record RoleView(Guid Id, string Name, string? Responsibilities, IReadOnlyList<RoleHolderView> Holders);
public sealed record RoleRequest(string Name, string? Responsibilities, IReadOnlyList<Guid>? HolderIds);
