using System.ComponentModel.DataAnnotations;

namespace Lifeline.Access;

/// <summary>The <c>Lifeline:Bootstrap</c> section: how the first administrator gets in.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Lifeline:Bootstrap";

    [Required, StringLength(64, MinimumLength = 1)]
    public string AdminUserName { get; set; } = "admin";

    /// <summary>When unset and the admin account does not exist yet, a password is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>When set (32 characters or more), the admin account accepts this API token, so scripts can drive a fresh server.</summary>
    [MinLength(32, ErrorMessage = "Lifeline:Bootstrap:AdminApiToken must be at least 32 characters.")]
    public string? AdminApiToken { get; set; }
}
