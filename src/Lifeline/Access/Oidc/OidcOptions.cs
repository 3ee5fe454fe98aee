namespace Lifeline.Access.Oidc;

/// <summary>
/// The <c>Lifeline:Oidc</c> section: single sign-on with an OpenID Connect provider (Microsoft Entra ID, Okta, Keycloak,
/// Google Workspace...). Off while <see cref="Authority"/> is unset. The local accounts keep working beside it; the
/// bootstrap admin (a local account with no e-mail address and no provider login) is the break-glass door.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Lifeline:Oidc";
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in page's button says.</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>
    /// How a provider's person is matched to a Lifeline account: <c>email</c> (the account's e-mail address, which the
    /// provider must say is verified unless <see cref="RequireVerifiedEmail"/> is off), or a stable id claim such as
    /// <c>sub</c> or <c>oid</c> (kept as the account's login with the provider).
    /// </summary>
    public string MatchClaim { get; set; } = "email";

    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>Create an account for a person the provider vouches for who has none yet (with the mapped roles).</summary>
    public bool CreateAccounts { get; set; }

    /// <summary>The claim that lists the person's groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>
    /// Group → Lifeline role, e.g. <c>Lifeline:Oidc:Roles:lifeline-admins=Admin</c>. When any are set, each sign-in makes
    /// the account's roles exactly the mapped ones (the provider is the source of truth), and a person in none of the
    /// groups cannot sign in. When none are set, an existing account keeps its roles and a created one is a Viewer.
    /// </summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>Off only for tests against a provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How far the provider's clock may be off when checking a token's times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
