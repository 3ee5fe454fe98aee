using System.Globalization;

namespace Lifeline.Console.Admin;

/// <summary>Addresses of the log pages and of their CSV downloads, built from the filters as typed.</summary>
public static class LogLinks
{
    public static string Query(params (string Name, string? Value)[] parts) =>
        string.Join("&", parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}"));

    public static string? Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
