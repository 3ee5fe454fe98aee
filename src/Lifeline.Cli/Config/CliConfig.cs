namespace Lifeline.Cli.Config;

/// <summary>What <c>lifeline login</c> remembers. <c>TokenId</c> lets <c>logout</c> revoke the token on the server.</summary>
public sealed record CliConfig(string? Server, string? Token, string? UserName, Guid? TokenId)
{
    /// <summary>The key the offline contact sheet is encrypted with (base64, 256 bits); made at the first <c>lifeline sheet</c>.</summary>
    public string? SheetKey { get; init; }

    public static readonly CliConfig Empty = new(null, null, null, null);
}
