using System.Security.Cryptography;
using System.Text.Json;

namespace Lifeline.Letters;

/// <summary>
/// The version printed on a letter or sheet: the first 10 hex digits of the SHA-256 of what the copy says (without
/// its generation time). The same data gives the same version, so a printed copy is current when its version matches
/// the one the page shows now. It is computed over the copy as its reader sees it: a masked copy's version is of
/// masked values, so it cannot be used to test guesses of the values it hides.
/// </summary>
public static class DocumentVersion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of<T>(T content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, Json)))[..10];
}
