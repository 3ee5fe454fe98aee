namespace Lifeline.Access;

public sealed record LoginRequest(string UserName, string Password);
public sealed record TokenLoginRequest(string UserName, string Password, string? TokenName);
public sealed record AccountView(Guid Id, string UserName, Guid? PersonId, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil);
public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);
public sealed record TokenRequest(string Name, int? ExpiresInDays);
public sealed record TokenView(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
/// <summary>Returned once, when a token is created: <c>Token</c> is never shown again.</summary>
public sealed record IssuedToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);
public sealed record AccountRequest(string UserName, string Password, IReadOnlyList<string>? Roles, Guid? PersonId);
public sealed record RolesRequest(IReadOnlyList<string> Roles);
public sealed record AuditEntryView(Guid Id, DateTimeOffset At, string Actor, string EntityType, Guid EntityId, string Action, string? Before, string? After);
public sealed record ContactAccessView(Guid Id, DateTimeOffset At, string Actor, Guid? AccountId, Guid PersonId, string? PersonName, string? RemoteAddress, string Purpose);
