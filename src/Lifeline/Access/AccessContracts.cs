namespace Lifeline.Access;

/// <param name="Code">For an account with MFA: the authenticator's code or a recovery code.</param>
public sealed record LoginRequest(string UserName, string Password, string? Code = null);
public sealed record TokenLoginRequest(string UserName, string Password, string? TokenName, string? Code = null);
public sealed record AccountView(Guid Id, string UserName, Guid? PersonId, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, bool MfaEnabled = false);
public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);
public sealed record TokenRequest(string Name, int? ExpiresInDays);
public sealed record TokenView(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
/// <summary>Returned once, when a token is created: <c>Token</c> is never shown again.</summary>
public sealed record IssuedToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);
public sealed record AccountRequest(string UserName, string Password, IReadOnlyList<string>? Roles, Guid? PersonId);
public sealed record RolesRequest(IReadOnlyList<string> Roles);
public sealed record AuditEntryView(Guid Id, DateTimeOffset At, string Actor, string EntityType, Guid EntityId, string Action, string? Before, string? After);
public sealed record ContactAccessView(Guid Id, DateTimeOffset At, string Actor, Guid? AccountId, Guid PersonId, string? PersonName, string? RemoteAddress, string Purpose);
